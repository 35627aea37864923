"""Councillor Queries URLs. Enquiries are addressed by reference and answer 404 to anyone who
may not see them."""

from django.urls import path

from .views import answering, member, performance, triage

app_name = "enquiries"

urlpatterns = [
    # The member's side (views/member.py)
    path("", member.MyEnquiriesView.as_view(), name="my_enquiries"),
    path("new/", member.EnquiryCreateView.as_view(), name="enquiry_create"),
    path("<str:reference>/", member.EnquiryDetailView.as_view(), name="enquiry_detail"),
    path("<str:reference>/reply/", member.MemberReplyView.as_view(), name="member_reply"),
    path("<str:reference>/rate/", member.RateView.as_view(), name="rate"),
    path(
        "<str:reference>/attachments/<int:pk>/",
        member.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    # The member support team (views/triage.py)
    path("team/queue/", triage.TriageQueueView.as_view(), name="triage_queue"),
    path("team/log/", triage.LogOnBehalfView.as_view(), name="log_on_behalf"),
    path("<str:reference>/triage/", triage.TriageView.as_view(), name="triage"),
    path("<str:reference>/extend/", triage.ExtendView.as_view(), name="extend"),
    path("<str:reference>/note/", triage.NoteView.as_view(), name="note"),
    path(
        "<str:reference>/partner-response/",
        triage.PartnerResponseView.as_view(),
        name="partner_response",
    ),
    path(
        "<str:reference>/responses/<int:pk>/send/",
        triage.SendResponseView.as_view(),
        name="send_response",
    ),
    # Service officers (views/answering.py)
    path("service/queue/", answering.ServiceQueueView.as_view(), name="service_queue"),
    path("<str:reference>/respond/", answering.DraftResponseView.as_view(), name="draft_response"),
    # Performance (views/performance.py)
    path("reports/performance/", performance.PerformanceView.as_view(), name="performance"),
    path(
        "reports/performance.<str:fmt>",
        performance.PerformanceExportView.as_view(),
        name="performance_export",
    ),
]
