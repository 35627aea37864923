from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "councillor_hub.surveys"
    verbose_name = "Surveys"
