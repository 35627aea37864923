from django.db import migrations

# Council standards: emergencies within hours, urgent in 2 working days, standard in 5,
# complex in 10 (the member told).
DEFAULTS = [
    ("emergency", None, 4),
    ("urgent", 2, None),
    ("standard", 5, None),
    ("complex", 10, None),
]


def seed(apps, schema_editor):
    ServiceLevel = apps.get_model("enquiries", "ServiceLevel")
    for urgency, days, hours in DEFAULTS:
        ServiceLevel.objects.get_or_create(
            urgency=urgency,
            category=None,
            defaults={"working_days": days, "clock_hours": hours},
        )


class Migration(migrations.Migration):
    dependencies = [("enquiries", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
