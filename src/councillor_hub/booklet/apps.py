from django.apps import AppConfig


class BookletConfig(AppConfig):
    name = "councillor_hub.booklet"
    verbose_name = "Induction and key contacts booklet"
