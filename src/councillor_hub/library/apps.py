from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "councillor_hub.library"
    verbose_name = "Document library"
