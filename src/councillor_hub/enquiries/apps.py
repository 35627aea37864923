from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class EnquiriesConfig(AppConfig):
    name = "councillor_hub.enquiries"
    label = "enquiries"

    def ready(self) -> None:
        from councillor_hub.casework.permissions import forget_request_scope

        from .models import EnquiryAssignment

        def forget(**kwargs) -> None:
            forget_request_scope()

        # Routing decides which officers see an enquiry: a change forgets what the request
        # remembered (named viewers are m2m, forgotten by casework's m2m_changed handler).
        uid = "enquiries-scope-assignment"
        post_save.connect(forget, sender=EnquiryAssignment, dispatch_uid=uid + "-save", weak=False)
        post_delete.connect(
            forget, sender=EnquiryAssignment, dispatch_uid=uid + "-delete", weak=False
        )
