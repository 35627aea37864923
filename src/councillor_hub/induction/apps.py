from django.apps import AppConfig


class InductionConfig(AppConfig):
    name = "councillor_hub.induction"
    verbose_name = "Induction"
