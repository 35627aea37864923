"""Seed the council's retention policies with the defaults (an administrator changes them)."""

from django.db import migrations

DEFAULTS = {"casework": 24, "enquiries": 24, "attachments": 24, "audit": 72}


def seed(apps, schema_editor):
    RetentionPolicy = apps.get_model("dataprotection", "RetentionPolicy")
    for record_type, months in DEFAULTS.items():
        RetentionPolicy.objects.get_or_create(
            record_type=record_type, defaults={"keep_months": months}
        )


class Migration(migrations.Migration):
    dependencies = [("dataprotection", "0003_retention_and_subject_access")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
