from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "councillor_hub.enquiries"
    label = "enquiries"

    def ready(self) -> None:
        from councillor_hub.casework.permissions import forget_request_scope_when_changed

        from .models import EnquiryAssignment

        # Routing decides which officers see an enquiry: a change forgets what the request
        # remembered (named viewers are m2m, forgotten by casework's m2m_changed handler).
        forget_request_scope_when_changed(EnquiryAssignment, uid="enquiries-scope")
