from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.dataprotection.models import Breach, IcoDecision
from councillor_hub.dataprotection.services import breach_record, breach_update


def _record(actor, controller, **extra):
    return breach_record(
        actor=actor,
        controller=controller,
        what_happened="Email sent to the wrong constituent",
        discovered_at=timezone.now() - timedelta(hours=1),
        data_involved="Name, address and housing details",
        people_affected=2,
        **extra,
    )


def test_councillor_records_own_breach(world):
    breach = _record(world.councillor, world.councillor)
    year = timezone.localdate().year
    assert breach.reference == f"BR-{year}-00001"
    assert breach.controller == world.councillor
    assert not breach.controller_is_council
    assert breach.recorded_by == world.councillor
    event = AuditEvent.objects.get(action=Action.CREATE, object_label=breach.reference)
    assert event.data_controller == world.councillor
    assert event.actor == world.councillor
    assert breach.history.count() == 1


def test_dpo_records_council_breach(dpo):
    breach = _record(dpo, None)
    assert breach.controller is None and breach.controller_is_council
    event = AuditEvent.objects.get(action=Action.CREATE, object_label=breach.reference)
    assert event.data_controller is None


@pytest.mark.parametrize(
    "actor,controller",
    [
        ("councillor", "colleague"),  # not your own
        ("councillor", None),  # not the DPO
        ("delegate", "councillor"),  # delegates do not answer for breaches
        ("support", None),
        ("admin", None),
        ("dpo", "councillor"),  # the DPO records the council's breaches, not a councillor's
    ],
)
def test_record_refused(actor, controller, world, dpo):
    people = {"dpo": dpo}
    actor_user = people.get(actor) or getattr(world, actor)
    controller_user = None if controller is None else getattr(world, controller)
    with pytest.raises(PermissionDenied):
        _record(actor_user, controller_user)
    assert Breach.unrestricted.count() == 0


def test_update_audits_changed_fields_only(world):
    breach = _record(world.councillor, world.councillor)
    breach_update(
        actor=world.councillor,
        breach=breach,
        ico_decision=IcoDecision.DO_NOT_REPORT,
        decision_reason="Low risk: the recipient deleted it",
        people_affected=2,
    )
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert event.object_label == breach.reference
    assert event.data_controller == world.councillor
    assert event.detail == "Changed ico_decision, decision_reason"
    assert "recipient" not in event.detail
    breach_update(actor=world.councillor, breach=breach, people_affected=2)
    assert AuditEvent.objects.filter(action=Action.UPDATE).count() == 1
    assert breach.history.count() == 2


def test_update_refused_to_others(world, dpo):
    breach = _record(world.councillor, world.councillor)
    for user in (world.colleague, world.delegate, dpo, world.admin):
        with pytest.raises(PermissionDenied):
            breach_update(actor=user, breach=breach, people_affected=5)
    breach.refresh_from_db()
    assert breach.people_affected == 2


def test_update_rejects_unknown_fields(world):
    breach = _record(world.councillor, world.councillor)
    with pytest.raises(TypeError):
        breach_update(actor=world.councillor, breach=breach, controller=world.colleague)


def test_record_through_the_form(world, client_for):
    client = client_for(world.councillor)
    response = client.post(
        reverse("dataprotection:breach_create"),
        {
            "what_happened": "Lost notebook",
            "discovered_at": "2026-01-05T09:15",
            "data_involved": "Names",
            "people_affected": "4",
            "ico_decision": "undecided",
        },
    )
    breach = Breach.unrestricted.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("dataprotection:breach_detail", args=[breach.reference])
    assert breach.controller == world.councillor
    page = client.get(response["Location"]).content.decode()
    assert "Deadline passed" in page
    assert AuditEvent.objects.filter(action=Action.VIEW, object_label=breach.reference).exists()


def test_dpo_who_is_also_a_councillor_chooses_the_controller(world, client_for):
    from councillor_hub.accounts.models import UserRole
    from councillor_hub.accounts.roles import Role

    UserRole.objects.create(user=world.councillor, role=Role.DATA_PROTECTION_OFFICER)
    response = client_for(world.councillor).post(
        reverse("dataprotection:breach_create"),
        {
            "controller_choice": "council",
            "what_happened": "Lost notebook",
            "discovered_at": "2026-01-05T09:15",
            "data_involved": "Names",
            "people_affected": "4",
            "ico_decision": "undecided",
        },
    )
    assert response.status_code == 302
    assert Breach.unrestricted.get().controller_is_council


def test_form_errors_rerender_with_input(world, client_for):
    future = (timezone.localtime() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(world.councillor).post(
        reverse("dataprotection:breach_create"),
        {
            "what_happened": "Lost notebook",
            "discovered_at": future,
            "data_involved": "",
            "people_affected": "lots",
            "ico_decision": "report",
            "decision_reason": "",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert "When the breach was discovered must be in the past" in content
    assert "Enter what personal data was involved" in content
    assert "must be a whole number" in content
    assert "Enter the reason for the decision" in content
    assert "Lost notebook" in content
    assert Breach.unrestricted.count() == 0
