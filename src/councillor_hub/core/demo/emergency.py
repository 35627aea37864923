"""Demo data for the out-of-hours and emergency arrangements page: six fictional sections of
the council's emergency arrangements (the major incident plan in summary, the councillor's
role, emergency rest centres, severe weather and flooding, communications in an emergency,
and who to call first), one of them members only and one past its review date so the
"Review due" tags and reminders have something to show. Also starts the history of the
out-of-hours contacts the enquiries demo made (bulk_create writes no history).

Called from build_directory (core/demo/directory.py), after the enquiries demo has made the
out-of-hours contacts. Deterministic: no randomness, dates relative to the builder's `now`.
Every name, place and number is invented (Ofcom drama numbers, example.org addresses)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from councillor_hub.directory.models import EmergencyArrangement, OutOfHoursContact

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

# (title, members only, review in days from today (negative: overdue), body)
SECTIONS: list[tuple[str, bool, int, str]] = [
    (
        "Major incident arrangements",
        False,
        240,
        "The council's emergency plan sets out how Demo Borough Council responds to a major "
        "incident: a fire, flood, explosion, serious transport accident, loss of power or "
        "water, or anything else that needs a special response from the emergency services "
        "and the council.\n\n"
        "When an incident is declared, the emergency planning duty officer opens the "
        "council's incident room at the Civic Centre and a strategic lead (a director on the "
        "on-call rota) takes charge of the council's response. The council works alongside "
        "Demoshire Police, the fire and rescue service, the NHS and the other members of the "
        "Demoshire Local Resilience Forum.\n\n"
        "The council's jobs in a major incident are to:\n"
        "- open emergency rest centres for people who have to leave their homes\n"
        "- support the emergency services with buildings, transport and equipment\n"
        "- keep essential council services running\n"
        "- lead the recovery once the emergency is over\n\n"
        "The full plan is kept by the emergency planning team. Ask them for a copy or a "
        "briefing.",
    ),
    (
        "The councillor's role in an emergency",
        True,
        -14,
        "Councillors have no operational role in the response, but they matter a great deal "
        "to the people they represent. In an emergency in your ward:\n"
        "- do not go to the scene unless you are asked to: it may be dangerous and the "
        "emergency services need space to work\n"
        "- tell the member support team where you can be reached\n"
        "- pass on what residents tell you about people who may need help, such as someone "
        "who lives alone or relies on electrical medical equipment\n"
        "- share only official information: check the council's website and social media "
        "before you post\n\n"
        "You may be asked to visit a rest centre, attend a community meeting or help the "
        "council understand local needs during the recovery. Wear your council identity "
        "badge and sign in when you arrive.\n\n"
        "Media enquiries about the incident go to the communications team. You are free to "
        "speak as a local councillor, but leave questions about the response to the lead "
        "agency.",
    ),
    (
        "Emergency rest centres",
        False,
        180,
        "A rest centre gives people who have had to leave their homes somewhere safe and warm "
        "to stay for a few hours or overnight, with food, drinks, first aid and advice.\n\n"
        "The council has agreements to use these buildings (all invented for the demo):\n"
        "- Abbey Leisure Centre, Mill Lane\n"
        "- Brookside Community Hall, Station Road\n"
        "- Castle Hill Academy sports hall, Church Street\n\n"
        "Rest centres are opened only by the emergency planning duty officer. Do not direct "
        "residents to a rest centre until it is open: check with the duty officer first.",
    ),
    (
        "Severe weather and flooding",
        False,
        300,
        "The council gritting service treats the main routes when ice or snow is forecast. "
        "Sandbags are not given out as a matter of course; the highways duty engineer decides "
        "where they are needed to protect homes at risk.\n\n"
        "For flooding from rivers or the sea, the Demoshire flood warning service issues "
        "warnings. For flooding from blocked road drains or gullies, call the highways "
        "out-of-hours line. For burst water mains, call Demo Water.\n\n"
        "During a heatwave or a cold snap, the council checks on vulnerable residents it "
        "already supports. Tell adult social care about anyone else you are worried about.",
    ),
    (
        "Communications in an emergency",
        False,
        120,
        "The communications team publishes updates on the council's website and social media "
        "and briefs councillors by email and text message. Members' briefings are sent to the "
        "address held by the member support team, so keep it up to date.\n\n"
        "If you receive an enquiry from the press, pass it to the press office on "
        "01632 960 321. Out of hours, the on-call press officer is reached through the "
        "council's out-of-hours line.",
    ),
    (
        "Who to call first",
        False,
        200,
        "If someone is in immediate danger, call 999.\n\n"
        "For an emergency that is not life-threatening:\n"
        "- police, non-emergency: 101\n"
        "- NHS advice: 111\n"
        "- power cut: 105\n"
        "- the council, outside office hours: the out-of-hours line listed below\n\n"
        "During office hours, the member support team can reach any service for you.",
    ),
]


def build_emergency(builder: DemoCouncilBuilder) -> dict[str, int]:
    """Add the emergency arrangement sections, and a first history row for each out-of-hours
    contact that has none. Returns counts for the summary."""
    now = builder.now
    today = timezone.localdate(now)
    sections = [
        EmergencyArrangement(
            title=title,
            body=body,
            sort_order=(index + 1) * 10,
            members_only=members_only,
            review_date=today + dt.timedelta(days=review_in),
        )
        for index, (title, members_only, review_in, body) in enumerate(SECTIONS)
    ]
    EmergencyArrangement.objects.bulk_create(sections)
    EmergencyArrangement.history.bulk_history_create(
        sections, default_date=now, default_change_reason="Demo data"
    )
    contacts = list(
        OutOfHoursContact.objects.exclude(pk__in=OutOfHoursContact.history.values("id")).order_by(
            "pk"
        )
    )
    OutOfHoursContact.history.bulk_history_create(
        contacts, default_date=now, default_change_reason="Demo data"
    )
    return {"emergency arrangement sections": len(sections)}
