from django.apps import AppConfig


class FaqsConfig(AppConfig):
    name = "councillor_hub.faqs"
    verbose_name = "FAQs and model responses"

    def ready(self):
        # The history of changes, for content managers (core/content.py).
        from django.urls import reverse

        from councillor_hub.core.content import register

        register(
            "faq",
            "faqs.Faq",
            label="FAQ",
            detail_url=lambda faq: reverse("faqs:faq_detail", args=[faq.pk]),
        )
