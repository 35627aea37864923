from django.db import migrations
from django.utils.text import slugify

SERVICE_AREAS = [
    "Highways",
    "Parks and open spaces",
    "Waste and recycling",
    "Housing",
    "Planning",
    "Licensing",
    "Council tax",
    "Adult social care",
    "Children's services",
    "Regulatory services",
    "Anti-social behaviour",
    "Other",
]


def seed(apps, schema_editor):
    ServiceArea = apps.get_model("core", "ServiceArea")
    for order, name in enumerate(SERVICE_AREAS, start=1):
        ServiceArea.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
