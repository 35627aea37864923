from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "councillor_hub.core"
    label = "core"
