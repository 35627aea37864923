from django.apps import AppConfig
from django.core import checks


class SupportplansConfig(AppConfig):
    name = "councillor_hub.supportplans"
    verbose_name = "Role descriptions, personal support plans and mentoring"

    def ready(self):
        checks.register(check_support_plan_window)


def check_support_plan_window(app_configs, **kwargs):
    """The annual window must start before it ends within one calendar year."""
    from django.conf import settings

    from .due import check_window

    try:
        check_window(settings.SUPPORT_PLAN_WINDOW)
    except ValueError as error:
        return [checks.Error(str(error), id="supportplans.E001")]
    return []
