"""Seed the built-in privacy notice template, so every councillor has a notice from day one.
Administrators change it in the admin."""

from django.db import migrations

from councillor_hub.dataprotection.defaults import DEFAULT_PRIVACY_NOTICE


def seed(apps, schema_editor):
    template = apps.get_model("dataprotection", "PrivacyNoticeTemplate")
    if not template.objects.exists():
        template.objects.create(
            name="Councillor casework privacy notice",
            body=DEFAULT_PRIVACY_NOTICE,
            retention_years=2,
            is_active=True,
        )


class Migration(migrations.Migration):
    dependencies = [("dataprotection", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
