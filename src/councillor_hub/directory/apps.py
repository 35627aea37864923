from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "councillor_hub.directory"
    label = "directory"
