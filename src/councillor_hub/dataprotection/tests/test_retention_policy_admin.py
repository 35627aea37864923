"""Administrators set the council's retention periods in the Django admin."""

from django.urls import reverse

from councillor_hub.dataprotection.models import RecordType, RetentionPolicy


def test_policies_are_seeded_with_the_defaults(db):
    months = dict(RetentionPolicy.objects.values_list("record_type", "keep_months"))
    assert months == {"casework": 24, "enquiries": 24, "attachments": 24, "audit": 72}


def test_admin_changes_a_period_with_history(world, client_for):
    policy = RetentionPolicy.objects.get(record_type=RecordType.CASEWORK)
    client = client_for(world.admin)
    assert client.get(reverse("admin:dataprotection_retentionpolicy_changelist")).status_code == 200
    url = reverse("admin:dataprotection_retentionpolicy_change", args=[policy.pk])
    response = client.post(url, {"keep_months": 18, "notice_days": 30, "grace_days": 14})
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.keep_months, policy.grace_days, policy.record_type) == (18, 14, "casework")
    change = policy.history.first()
    assert (change.keep_months, change.history_user) == (18, world.admin)


def test_policies_cannot_be_deleted(world, client_for):
    policy = RetentionPolicy.objects.get(record_type=RecordType.AUDIT)
    url = reverse("admin:dataprotection_retentionpolicy_delete", args=[policy.pk])
    assert client_for(world.admin).post(url, {"post": "yes"}).status_code == 403
    assert RetentionPolicy.objects.filter(pk=policy.pk).exists()


def test_for_type_falls_back_to_the_default(db):
    RetentionPolicy.objects.filter(record_type=RecordType.ENQUIRIES).delete()
    assert RetentionPolicy.for_type(RecordType.ENQUIRIES).keep_months == 24
