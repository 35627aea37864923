from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "councillor_hub.notifications"
    label = "notifications"
