from django.urls import path

from .views import breaches, erasure, handover, home, retention, subject_access

app_name = "dataprotection"

urlpatterns = [
    path("", home.DataProtectionHomeView.as_view(), name="home"),
    # Breach register
    path("breaches/", breaches.BreachListView.as_view(), name="breach_list"),
    path("breaches/record/", breaches.BreachCreateView.as_view(), name="breach_create"),
    path("breaches/<str:reference>/", breaches.BreachDetailView.as_view(), name="breach_detail"),
    path(
        "breaches/<str:reference>/change/",
        breaches.BreachUpdateView.as_view(),
        name="breach_update",
    ),
    # Public privacy notices
    path(
        "privacy-notice/<int:councillor_id>/",
        breaches.PrivacyNoticeView.as_view(),
        name="privacy_notice",
    ),
    # Retention
    path("retention/", retention.ReviewListView.as_view(), name="retention_list"),
    path("retention/decide/", retention.ReviewBulkView.as_view(), name="retention_bulk"),
    path("retention/period/", retention.RetentionPeriodView.as_view(), name="retention_period"),
    path("retention/runs/", retention.RetentionRunListView.as_view(), name="retention_runs"),
    path("retention/<int:pk>/", retention.ReviewDecideView.as_view(), name="retention_decide"),
    # Subject access requests
    path("subject-access/", subject_access.SarListView.as_view(), name="sar_list"),
    path("subject-access/record/", subject_access.SarCreateView.as_view(), name="sar_create"),
    path(
        "subject-access/<str:reference>/",
        subject_access.SarDetailView.as_view(),
        name="sar_detail",
    ),
    path(
        "subject-access/<str:reference>/change/",
        subject_access.SarUpdateView.as_view(),
        name="sar_update",
    ),
    path(
        "subject-access/<str:reference>/records/",
        subject_access.SarMatchView.as_view(),
        name="sar_match",
    ),
    path(
        "subject-access/<str:reference>/export/",
        subject_access.SarExportView.as_view(),
        name="sar_export",
    ),
    # Erasure
    path("erasure/", erasure.ErasureStartView.as_view(), name="erasure_start"),
    path(
        "erasure/constituent/<int:pk>/",
        erasure.ErasureConstituentView.as_view(),
        name="erasure_constituent",
    ),
    path("erasure/enquiries/", erasure.ErasureEnquiriesView.as_view(), name="erasure_enquiries"),
    # End of term and boundary changes
    path("handover/", handover.HandoverView.as_view(), name="handover"),
]
