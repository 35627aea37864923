from django.apps import AppConfig


class DataprotectionConfig(AppConfig):
    name = "councillor_hub.dataprotection"
    label = "dataprotection"
    verbose_name = "Data protection"
