from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "councillor_hub.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import mark_refreshed

        user_logged_in.connect(mark_refreshed, dispatch_uid="accounts-session-refreshed")
