from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "councillor_hub.audit"
    label = "audit"
