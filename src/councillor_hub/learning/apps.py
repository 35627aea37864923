from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "councillor_hub.learning"
    verbose_name = "Member development"
