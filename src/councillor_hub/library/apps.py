from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "councillor_hub.library"
    verbose_name = "Document library"

    def ready(self):
        # The history of changes, for content managers (core/content.py).
        from councillor_hub.core.content import register

        register("document", "library.Document", label="Document", exclude_fields=["content_type"])
