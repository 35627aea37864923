from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "councillor_hub.news"
    verbose_name = "News and briefings"
