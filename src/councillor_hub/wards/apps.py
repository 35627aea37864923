from django.apps import AppConfig


class WardsConfig(AppConfig):
    name = "councillor_hub.wards"
    verbose_name = "Ward profiles"
