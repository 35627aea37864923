"""Seed the booklet's sections with their starting text (booklet/defaults.py)."""

from django.db import migrations


def seed_sections(apps, schema_editor):
    from councillor_hub.booklet.defaults import DEFAULT_SECTIONS

    BookletSection = apps.get_model("booklet", "BookletSection")
    existing = set(BookletSection.objects.values_list("key", flat=True))
    BookletSection.objects.bulk_create(
        [
            BookletSection(key=str(key), title=title, body=body)
            for key, (title, body) in DEFAULT_SECTIONS.items()
            if str(key) not in existing
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("booklet", "0001_initial")]

    operations = [migrations.RunPython(seed_sections, migrations.RunPython.noop)]
