from django.apps import AppConfig


class FaqsConfig(AppConfig):
    name = "councillor_hub.faqs"
    verbose_name = "FAQs and model responses"
