from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "councillor_hub.casework"
    label = "casework"
