from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    name = "councillor_hub.committees"
    verbose_name = "Councillors, committees and Cabinet"
