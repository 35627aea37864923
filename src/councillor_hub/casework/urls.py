"""Casework URLs. Cases are addressed by their reference, constituents by id; both answer 404
to anyone who may not see them."""

from django.urls import path

from .views import cases, constituents, overview, sharing

app_name = "casework"

urlpatterns = [
    # Working views (views/overview.py)
    path("", overview.DashboardView.as_view(), name="dashboard"),
    path("cases/", overview.CaseListView.as_view(), name="case_list"),
    path("patterns/", overview.PatternsView.as_view(), name="patterns"),
    # Cases and their timeline (views/cases.py)
    path("cases/new/", cases.CaseCreateView.as_view(), name="case_create"),
    path("cases/<str:reference>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path("cases/<str:reference>/edit/", cases.CaseEditView.as_view(), name="case_edit"),
    path("cases/<str:reference>/status/", cases.CaseStatusView.as_view(), name="case_status"),
    path(
        "cases/<str:reference>/timeline/add/",
        cases.TimelineAddView.as_view(),
        name="timeline_add",
    ),
    path(
        "cases/<str:reference>/attachments/<int:pk>/",
        cases.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path(
        "cases/<str:reference>/constituents/add/",
        cases.CaseConstituentAddView.as_view(),
        name="case_constituent_add",
    ),
    path(
        "cases/<str:reference>/constituents/<int:pk>/remove/",
        cases.CaseConstituentRemoveView.as_view(),
        name="case_constituent_remove",
    ),
    path("cases/<str:reference>/links/add/", cases.CaseLinkAddView.as_view(), name="case_link_add"),
    path("cases/<str:reference>/history/", cases.CaseHistoryView.as_view(), name="case_history"),
    # Sharing, delegation and the access log (views/sharing.py)
    path("cases/<str:reference>/sharing/", sharing.CaseSharingView.as_view(), name="case_sharing"),
    path(
        "cases/<str:reference>/sharing/<int:pk>/revoke/",
        sharing.CaseShareRevokeView.as_view(),
        name="case_share_revoke",
    ),
    path("access/", sharing.AccessSettingsView.as_view(), name="access_settings"),
    path(
        "access/delegates/<int:pk>/revoke/",
        sharing.DelegateRevokeView.as_view(),
        name="delegate_revoke",
    ),
    path("access/log/", sharing.AccessLogView.as_view(), name="access_log"),
    # Constituents (views/constituents.py)
    path("constituents/", constituents.ConstituentListView.as_view(), name="constituent_list"),
    path(
        "constituents/new/", constituents.ConstituentCreateView.as_view(), name="constituent_create"
    ),
    path(
        "constituents/<int:pk>/",
        constituents.ConstituentDetailView.as_view(),
        name="constituent_detail",
    ),
    path(
        "constituents/<int:pk>/edit/",
        constituents.ConstituentEditView.as_view(),
        name="constituent_edit",
    ),
    path(
        "constituents/<int:pk>/history/",
        constituents.ConstituentHistoryView.as_view(),
        name="constituent_history",
    ),
    path(
        "constituents/<int:pk>/consents/add/",
        constituents.ConsentAddView.as_view(),
        name="consent_add",
    ),
    path(
        "constituents/<int:pk>/merge/",
        constituents.ConstituentMergeView.as_view(),
        name="constituent_merge",
    ),
]
