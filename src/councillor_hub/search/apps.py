from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "councillor_hub.search"
    verbose_name = "Search"

    def ready(self):
        from . import indexing

        indexing.connect_signals()
