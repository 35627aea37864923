from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "councillor_hub.accounts"
    label = "accounts"
