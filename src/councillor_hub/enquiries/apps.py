from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "councillor_hub.enquiries"
    label = "enquiries"
