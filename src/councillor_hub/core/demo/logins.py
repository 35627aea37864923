"""The fixed demo logins. They exist only while demo data is loaded (`manage.py demo_data`
creates them; nothing else does) and are printed by `manage.py demo_logins`."""

from __future__ import annotations

from dataclasses import dataclass

# At least 12 characters and not in Django's common-password list, so it passes the same
# validators as a real password.
DEMO_PASSWORD = "demo-council-2026"  # noqa: S105 (a published demo password, by design)

DEMO_DOMAIN = "demo.test"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    full_name: str
    role: str
    try_this: str


DEMO_LOGINS: list[DemoLogin] = [
    DemoLogin(
        "councillor@demo.test",
        "Priya Hartley",
        "Councillor, Abbey ward, Riverside Progressives",
        "A lived-in caseload: cases, constituents, follow-ups, patterns; share a case. About "
        "40 council enquiries: rate or reply to a fresh answer, send more information.",
    ),
    DemoLogin(
        "colleague@demo.test",
        "Tom Okafor",
        "Councillor, Abbey ward, Riverside Progressives",
        "Sees the cases councillor@demo.test has shared, and nothing else of theirs.",
    ),
    DemoLogin(
        "other@demo.test",
        "Gwen Pritchard",
        "Councillor, Brookside ward, Borough First",
        "Another ward and group: councillor@demo.test's cases answer 'not found'.",
    ),
    DemoLogin(
        "independent@demo.test",
        "Dev Malhotra",
        "Councillor, Castle Hill ward, non-aligned",
        "A councillor in no political group.",
    ),
    DemoLogin(
        "delegate@demo.test",
        "Jordan Reeve",
        "Delegate of councillor@demo.test",
        "Works on councillor@demo.test's casework under an active, revocable grant.",
    ),
    DemoLogin(
        "support@demo.test",
        "Helen Marsh",
        "Member support officer",
        "Triages the queue of new enquiries, sends replies, sees performance; cannot read "
        "any councillor's casework.",
    ),
    DemoLogin(
        "highways@demo.test",
        "Owen Fletcher",
        "Service officer, Highways",
        "Answers the open Highways enquiries (one names them); no casework.",
    ),
    DemoLogin(
        "manager@demo.test",
        "Rachel Dunmore",
        "Service manager, Highways",
        "Receives escalations of overdue Highways enquiries; sees performance figures.",
    ),
    DemoLogin(
        "mp@demo.test",
        "Eleanor Whitby",
        "MP",
        "Keeps casework of their own and raises enquiries, like a councillor.",
    ),
    DemoLogin(
        "whip@demo.test",
        "Sian Caldwell",
        "Councillor, Brookside ward; whip of Riverside Progressives",
        "Whip of councillor@demo.test's group: sees the group's training, induction and DBS"
        " progress under Training; still cannot read their casework.",
    ),
    DemoLogin(
        "democratic@demo.test",
        "Fiona Brennan",
        "Democratic services officer",
        "Looks after the information hub under Manage content: directory, library, FAQs,"
        " councillors and committees, news, ward profiles, the booklet; runs member development"
        " under Training (sessions, attendance, compliance, induction, support plans, surveys,"
        " the programme report); no casework.",
    ),
    DemoLogin(
        "dpo@demo.test",
        "Imogen Ashdown",
        "Data protection officer",
        "The council's breach register and subject access requests, the council's enquiry "
        "retention reviews and erasure in enquiries, and the retention sweep reports.",
    ),
    DemoLogin(
        "former@demo.test",
        "Frank Ellery",
        "Former councillor, Castle Hill ward (resigned 20 days ago)",
        "Data protection → Hand over casework: transfer cases to a successor where the "
        "constituent agreed, pass them to the council, or destroy them before access ends.",
    ),
    DemoLogin(
        "admin@demo.test",
        "Sam Okonjo",
        "Administrator (Django admin)",
        "Manages users, roles, wards and service areas at /django-admin/; cannot read casework.",
    ),
]

DEMO_EMAILS = [login.email for login in DEMO_LOGINS]
SENTINEL_EMAIL = "councillor@demo.test"
