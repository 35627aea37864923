"""A starting induction checklist, which democratic services can change, reorder or retire
in the app (Induction → Checklist)."""

from django.db import migrations

ITEMS = [
    ("Declaration of acceptance of office signed", "", ""),
    ("IT kit issued and accounts set up", "Laptop, phone and council email account.", ""),
    ("Register of interests completed", "Within 28 days of taking office.", ""),
    ("DBS check submitted", "From the DBS tracker.", "dbs_submitted"),
    ("DBS check verified", "From the DBS tracker.", "dbs_verified"),
    ("Induction day attended", "", ""),
    ("Political buddy allocated", "", "political_buddy"),
    ("Officer buddy allocated", "", "officer_buddy"),
    ("Key contacts booklet received", "", ""),
    (
        "Mandatory training booked",
        "Every mandatory topic the member needs is booked or already held (from training "
        "bookings).",
        "mandatory_training",
    ),
]


def seed(apps, schema_editor):
    ChecklistItem = apps.get_model("induction", "ChecklistItem")
    if ChecklistItem.objects.exists():
        return
    ChecklistItem.objects.bulk_create(
        ChecklistItem(title=title, description=description, derived_from=derived, order=10 * n)
        for n, (title, description, derived) in enumerate(ITEMS, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("induction", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
