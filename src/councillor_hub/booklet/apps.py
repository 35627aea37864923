from django.apps import AppConfig


class BookletConfig(AppConfig):
    name = "councillor_hub.booklet"
    verbose_name = "Induction and key contacts booklet"

    def ready(self):
        # The history of changes, for content managers (core/content.py).
        from django.urls import reverse

        from councillor_hub.core.content import register

        register(
            "booklet-section",
            "booklet.BookletSection",
            label="Booklet section",
            detail_url=lambda section: reverse("booklet:section_update", args=[section.key]),
        )
        register(
            "key-date",
            "booklet.KeyDate",
            label="Key date",
            detail_url=lambda day: reverse("booklet:key_date_update", args=[day.pk]),
        )
