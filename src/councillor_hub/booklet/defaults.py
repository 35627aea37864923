"""The booklet's starting text: each section's title and introduction, as a council would
write it before making it its own. The data migration seeds the sections from here, and the
booklet falls back to it for a section that is missing (a test database that was flushed).

Keep it free of names, numbers and addresses: those come from the live data."""

from __future__ import annotations

from .models import SectionKey

DEFAULT_SECTIONS: dict[str, tuple[str, str]] = {
    SectionKey.WELCOME: (
        "Welcome",
        "Welcome to the council. This booklet is your guide to your first months as a "
        "councillor: who does what, who to ask for help, how to raise questions on behalf of "
        "your residents, and the dates you need in your diary.\n\n"
        "Everything in it comes from the council's own records (the directory, the document "
        "library and the committee records) each time you open it or download it, so the "
        "names, phone numbers and dates are always the current ones. Keep the link rather "
        "than a printed copy.\n\n"
        "Member support and democratic services are here to help you settle in. If anything "
        "in this booklet is unclear or out of date, tell them.",
    ),
    SectionKey.WHOS_WHO: (
        "Who's who",
        "The Leader of the Council leads the Cabinet, which takes most executive decisions "
        "within the budget and policy framework set by Full Council. Each Cabinet member is "
        "responsible for a portfolio of services. The chairs of the council's committees run "
        "their meetings and are a good first contact about the committee's work.",
    ),
    SectionKey.MEMBER_SUPPORT: (
        "Member support and democratic services",
        "Member support help you with casework, enquiries to the council, your council "
        "devices and accounts, and your training and development. Democratic services run "
        "the council's meetings: agendas, reports, minutes, the forward plan, and your "
        "declarations of interests and of gifts and hospitality.\n\n"
        "Contact them first whenever you are not sure who to ask.",
    ),
    SectionKey.ENQUIRIES: (
        "How to raise an enquiry",
        "When a resident asks you for help with a council service, raise it as an enquiry "
        "rather than emailing officers directly: the enquiry is tracked, routed to the right "
        "service, answered within a service level, and you can see where it has got to at "
        "any time.",
    ),
    SectionKey.SERVICE_CONTACTS: (
        "Service contacts and out-of-hours numbers",
        "During office hours, raise an enquiry or contact the service below. For an "
        "emergency, a danger to people or property, outside office hours, at weekends and on "
        "bank holidays, use the service's out-of-hours number. If someone is in immediate "
        "danger, call 999.",
    ),
    SectionKey.ICT: (
        "ICT help",
        "You will be given a council laptop and phone, a council email address and access to "
        "the council's systems, including this hub. Use your council email address for "
        "council business and keep residents' personal information on council systems only.\n\n"
        "If something does not work, or you think your account or device has been "
        "compromised, contact the ICT service desk straight away.",
    ),
    SectionKey.HEALTH_AND_SAFETY: (
        "Health and safety",
        "Your safety matters. Plan ward visits and surgeries with your safety in mind: tell "
        "someone where you are going, choose public venues for surgeries, and do not visit "
        "residents at home alone if you have any doubt.\n\n"
        "Report any incident or threat, however small, to member support, and to the police "
        "if you feel at risk.",
    ),
    SectionKey.ALLOWANCES: (
        "Allowances and expenses",
        "Every councillor receives a basic allowance; some roles carry a special "
        "responsibility allowance. You can claim travel and subsistence for approved duties "
        "under the members' allowances scheme.\n\n"
        "Submit claims within two months of the expense. Allowances are published each year, "
        "as the law requires.",
    ),
    SectionKey.COMMITTEES: (
        "Committee structure",
        "Full Council sets the budget and the policy framework and appoints the committees. "
        "Members of the regulatory committees, such as planning and licensing, must complete "
        "mandatory training before they can sit on them.",
    ),
}


def default_title(key: str) -> str:
    return DEFAULT_SECTIONS[key][0]


def default_body(key: str) -> str:
    return DEFAULT_SECTIONS[key][1]
