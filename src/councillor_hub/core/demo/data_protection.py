"""Demo data for data protection: subject access requests for councillor@demo.test and the
council, and a breach for each, so the data protection pages have something to show.

Called by DemoCouncilBuilder.build() after the people, cases and enquiries exist. Retention
reviews are not made here: the retention sweep opens them (`make run` runs it at start), as it
would in a live council. The former councillor (former@demo.test) is made by the builder.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.utils import timezone

from councillor_hub.casework.models import Constituent
from councillor_hub.casework.services.references import reference_next
from councillor_hub.dataprotection.dates import sar_due_date, sar_latest_extended_due
from councillor_hub.dataprotection.models import (
    Breach,
    IcoDecision,
    IdentityCheck,
    SarStatus,
    SubjectAccessRequest,
)
from councillor_hub.enquiries.models import Enquiry

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder


def build_data_protection(builder: DemoCouncilBuilder) -> dict[str, int]:
    rng = random.Random(builder.rng.random())
    today = builder.today
    councillor, dpo = builder.councillor, builder.dpo
    requests = 0

    def sar(*, controller, received_days_ago: int, name: str, **extra) -> SubjectAccessRequest:
        nonlocal requests
        received = today - dt.timedelta(days=received_days_ago)
        requests += 1
        return SubjectAccessRequest.unrestricted.create(
            reference=reference_next(prefix="SAR", year=received.year),
            controller=controller,
            controller_is_council=controller is None,
            requester_name=name,
            received_on=received,
            due_on=sar_due_date(received),
            recorded_by=controller or dpo,
            **extra,
        )

    people = list(
        Constituent.unrestricted.filter(owner=councillor, email__gt="").order_by("pk")[:40]
    )
    if len(people) >= 2:
        first, second = rng.sample(people, 2)
        recent = sar(
            controller=councillor,
            received_days_ago=12,
            name=first.full_name,
            requester_contact=first.email,
            identity_check=IdentityCheck.MATCHING_DETAILS,
            identity_note="Emailed from the address we hold; confirmed their postcode.",
        )
        recent.constituents.add(first)
        done = sar(
            controller=councillor,
            received_days_ago=95,
            name=second.full_name,
            requester_contact=second.email,
            identity_check=IdentityCheck.KNOWN,
            status=SarStatus.COMPLETED,
            completed_on=today - dt.timedelta(days=70),
        )
        done.constituents.add(second)

    named = list(
        Enquiry.unrestricted.exclude(constituent_name="")
        .exclude(constituent_email="")
        .order_by("pk")
        .values_list("constituent_name", "constituent_email")[:40]
    )
    if named:
        name, email = rng.choice(named)
        sar(
            controller=None,
            received_days_ago=26,
            name=name,
            requester_contact=email,
            identity_check=IdentityCheck.DOCUMENT,
            identity_note="Driving licence seen at the customer service centre.",
            match_name=name,
            match_email=email,
        )
        name, email = rng.choice(named)
        received = today - dt.timedelta(days=40)
        sar(
            controller=None,
            received_days_ago=40,
            name=name,
            requester_contact=email,
            identity_check=IdentityCheck.DOCUMENT,
            match_name=name,
            match_email=email,
            extended_due_on=sar_latest_extended_due(sar_due_date(received)),
            extension_reason="The request covers several years of enquiries across five services.",
            requester_told_on=received + dt.timedelta(days=10),
        )

    now = timezone.now()
    Breach.unrestricted.create(
        reference=reference_next(prefix="BR"),
        controller=None,
        controller_is_council=True,
        what_happened=(
            "An enquiry response was emailed to the wrong councillor, who reported it and "
            "deleted it."
        ),
        discovered_at=now - dt.timedelta(hours=30),
        occurred_at=now - dt.timedelta(hours=34),
        data_involved="One resident's name, address and a description of a noise complaint.",
        people_affected=1,
        actions_taken="Recipient confirmed deletion in writing; resident told.",
        recorded_by=dpo,
    )
    Breach.unrestricted.create(
        reference=reference_next(prefix="BR"),
        controller=councillor,
        what_happened="A casework notebook was left on a bus and not recovered.",
        discovered_at=now - dt.timedelta(days=60),
        data_involved="Names and addresses of four constituents and notes on their cases.",
        people_affected=4,
        actions_taken="Constituents told; casework now kept only in the hub.",
        ico_decision=IcoDecision.DO_NOT_REPORT,
        decision_reason="Notes were brief and low risk; no special category data.",
        recorded_by=councillor,
    )
    return {"subject access requests": requests, "breaches": 2}
