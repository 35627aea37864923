from django.apps import AppConfig


class SupportplansConfig(AppConfig):
    name = "councillor_hub.supportplans"
    verbose_name = "Role descriptions, personal support plans and mentoring"
