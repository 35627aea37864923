"""Text templates for demo cases: what residents bring to their councillor, per service area.

Placeholders filled by the builder: {street} {number} {ward} {park} {school} {venue} {route}
{application} {amount} {weeks} {service}. Every template may use any of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CaseKind:
    service: str  # ServiceArea slug
    weight: int  # relative frequency
    titles: tuple[str, ...]
    descriptions: tuple[str, ...]
    raise_with_council: tuple[str, ...]
    council_replies: tuple[str, ...]
    special_share: float = 0.0  # share of cases holding special-category data
    sensitive_notes: tuple[str, ...] = field(default=())
    condition: str = "elected_representative"
    campaign: bool = False  # residents write in numbers about it


# Each kind is one coherent story: any title goes with any description, raise and reply.
CASE_KINDS: list[CaseKind] = [
    # Highways
    CaseKind(
        "highways",
        12,
        (
            "Pothole outside {number} {street}",
            "Deep pothole on {street} damaging cars",
            "Potholes along {street}",
        ),
        (
            "Resident reports a pothole about 10cm deep outside {number} {street}. Two cars "
            "have had punctures this month.",
            "Several potholes along {street} have got worse since the frost. The resident "
            "walks there daily and says they are a trip hazard too.",
        ),
        (
            "Reported the pothole on {street} to Highways with the resident's photos and asked "
            "for an inspection.",
            "Emailed Highways asking them to inspect {street} and confirm a repair date.",
        ),
        (
            "Highways replied: the defect meets the intervention level and is booked for "
            "repair within 28 days.",
            "Highways inspected {street}. A temporary repair is done and the road is on the "
            "resurfacing list for next year.",
            "Highways say the pothole is below the intervention depth, so it will be "
            "checked again at the next routine inspection.",
        ),
    ),
    CaseKind(
        "highways",
        2,
        ("Cyclist hurt by pothole on {street}", "Fall caused by broken pavement on {street}"),
        (
            "A resident came off her bike on {street} after hitting a pothole in the dark. She "
            "was bruised and wants it repaired before someone is badly hurt.",
            "An older resident tripped on a lifted paving slab outside {number} {street} and "
            "hurt her wrist.",
        ),
        (
            "Asked Highways to make the defect on {street} safe urgently and explained how the "
            "resident can make an insurance claim.",
        ),
        (
            "Highways made the defect safe within 24 hours and sent the resident a claim form.",
            "Highways repaired the defect. The claim is with the council's insurers.",
        ),
        special_share=0.3,
        sensitive_notes=("Resident says she needed hospital treatment after the fall.",),
    ),
    CaseKind(
        "highways",
        6,
        (
            "Street light out on {street}",
            "Street lights not working along {street}",
            "Flickering street light outside {number} {street}",
        ),
        (
            "The street light outside {number} {street} has been out for {weeks} weeks. The "
            "resident feels unsafe walking home from the bus stop.",
            "Three lights in a row are out on {street}, leaving a dark stretch by the alley.",
        ),
        (
            "Reported the faulty street lighting on {street} to the street lighting team.",
            "Asked Highways to send the lighting contractor to {street}.",
        ),
        (
            "Street lighting team: a fault on the supply cable; the electricity network "
            "operator has been asked to repair it.",
            "The contractor replaced the lamp on {street}. Light working again.",
        ),
    ),
    CaseKind(
        "highways",
        4,
        ("Speeding traffic on {street}", "Request for traffic calming on {street}"),
        (
            "Residents say drivers use {street} as a rat run at school times and speed well "
            "over 30mph. They would like speed humps or a 20mph limit.",
            "Cars race along {street} late at night. A cat was killed last week.",
        ),
        (
            "Asked Highways whether {street} qualifies for traffic calming and whether a speed "
            "survey can be done.",
        ),
        (
            "Highways will put a speed survey on {street} next month; the results decide "
            "whether it goes on the traffic calming programme.",
            "Highways say {street} does not meet the criteria this year; it will be "
            "reassessed when the programme is reviewed.",
        ),
        campaign=True,
    ),
    CaseKind(
        "highways",
        4,
        ("Pavement parking on {street}", "Request for yellow lines at {street} junction"),
        (
            "Cars park on both pavements on {street}, so parents with buggies and a wheelchair "
            "user have to walk in the road.",
            "Cars park right up to the junction of {street}, so drivers pulling out cannot "
            "see oncoming traffic.",
        ),
        ("Raised the parking on {street} with the parking team.",),
        (
            "Parking enforcement will patrol {street} at school times for the next four weeks.",
            "Highways will add the junction to the next batch of yellow-line proposals, which "
            "go out for consultation in the spring.",
        ),
    ),
    # Waste and recycling
    CaseKind(
        "waste-and-recycling",
        9,
        (
            "Bins missed on {street}",
            "Recycling not collected from {number} {street}",
            "Repeated missed bin collections on {street}",
        ),
        (
            "The recycling at {number} {street} has been missed three weeks running. The "
            "resident reported it online each time.",
            "The whole of {street} was missed on collection day and bins are overflowing.",
        ),
        (
            "Raised the missed collections on {street} with Waste and recycling and asked why "
            "they keep happening.",
        ),
        (
            "Waste services: a new crew missed {street}; the round sheet is corrected and a "
            "crew will return tomorrow.",
            "Waste services: parked cars blocked the lorry on {street}. They will try a "
            "smaller vehicle.",
        ),
    ),
    CaseKind(
        "waste-and-recycling",
        2,
        ("Assisted bin collection request", "Help putting bins out at {number} {street}"),
        (
            "An older resident can no longer wheel her bin to the kerb and has asked for an "
            "assisted collection.",
        ),
        ("Asked Waste and recycling to add {number} {street} to assisted collections.",),
        (
            "Assisted collection approved from next week.",
            "Waste services sent an application form; the resident returned it the same day.",
        ),
        special_share=0.5,
        sensitive_notes=("Resident has arthritis in both hips and walks with a frame.",),
    ),
    CaseKind(
        "waste-and-recycling",
        6,
        (
            "Fly-tipping in the alley behind {street}",
            "Fly-tipped mattresses on {street}",
            "Fly-tipping at the entrance to {park}",
        ),
        (
            "Someone has dumped bags of rubbish and an old sofa in the alley behind {street}. "
            "It is attracting rats.",
            "Two mattresses and builders' rubble have been left on the verge on {street}.",
        ),
        (
            "Reported the fly-tipping to the environmental crime team with the resident's "
            "photos and asked for it to be cleared and investigated.",
        ),
        (
            "Cleared within five working days. Officers found an address in the waste and are "
            "investigating.",
            "The waste was cleared. The alley is private land, so officers have written to "
            "the owners about gating it.",
        ),
    ),
    # Housing
    CaseKind(
        "housing",
        7,
        (
            "Damp and mould in council flat on {street}",
            "Black mould in child's bedroom, {street}",
            "Condensation and mould in council house on {street}",
        ),
        (
            "Tenant reports black mould in the bedrooms and bathroom of her council flat on "
            "{street}. It has come back after being wiped off twice. She has a young child.",
            "Mould has spread across the kitchen ceiling. The tenant reported it to repairs "
            "{weeks} weeks ago and nobody has visited.",
        ),
        (
            "Asked Housing repairs to inspect the damp and mould at {number} {street} urgently "
            "and confirm a date.",
            "Raised the damp with the Housing area manager and asked how the case is being "
            "handled under the damp and mould policy.",
        ),
        (
            "Housing: a surveyor visited and found a failed extractor fan and a leaking "
            "gutter. Works ordered.",
            "Housing: mould wash and treatment done; ventilation works booked in {weeks} weeks.",
            "Housing accepted the repair was overdue and have apologised to the tenant.",
        ),
        special_share=0.4,
        sensitive_notes=(
            "Tenant told me her daughter has asthma, which her GP links to the mould.",
            "Tenant has COPD and says her breathing is worse since the mould spread.",
        ),
    ),
    CaseKind(
        "housing",
        4,
        (
            "Outstanding repairs at {number} {street}",
            "Broken boiler in council house, {street}",
            "Leaking roof at {street} flats",
        ),
        (
            "Repairs reported months ago at {number} {street} have still not been done: a "
            "broken boiler and a leaking roof.",
            "The tenant says the repairs team has cancelled three appointments.",
        ),
        ("Chased Housing repairs about the outstanding jobs at {number} {street}.",),
        (
            "Repairs: engineer booked; a new boiler has been ordered.",
            "Roofing contractor booked for next week, weather permitting.",
        ),
    ),
    CaseKind(
        "housing",
        4,
        ("Housing register banding review", "Overcrowding: family needs a larger home"),
        (
            "A family of five live in a two-bedroom flat. They are in Band C and want to know "
            "if their banding is right.",
        ),
        (
            "Asked the Housing options team to review the family's banding and explain the "
            "decision.",
        ),
        (
            "Housing options: banding reviewed and confirmed as correct; the family can bid "
            "on two-bedroom properties with a box room.",
            "Housing options moved the family to Band B because of overcrowding.",
        ),
        special_share=0.25,
        sensitive_notes=(
            "One of the children has autism and needs a room of his own, says the family.",
        ),
    ),
    CaseKind(
        "housing",
        2,
        ("Threatened with eviction from private rented home", "Section 21 notice received"),
        (
            "The resident has been served a section 21 notice by a private landlord and is "
            "worried about becoming homeless.",
        ),
        (
            "Referred the resident to Housing options for homelessness prevention advice, "
            "with their agreement.",
        ),
        (
            "Housing options have opened a prevention case and will contact the landlord.",
            "Housing options found the notice invalid; the landlord has been told.",
        ),
        special_share=0.3,
        sensitive_notes=(
            "Resident disclosed a history of domestic abuse; this is why she cannot stay "
            "with family.",
        ),
        condition="vital_interests",
    ),
    # Planning
    CaseKind(
        "planning",
        5,
        (
            "Objection to planning application {application}",
            "Objection to flats proposed on {street}",
            "Planning application {application}: parking and overlooking",
        ),
        (
            "Residents object to application {application} for a three-storey block on "
            "{street}: parking, overlooking and out of character with the street.",
        ),
        (
            "Submitted the residents' objections to application {application} and asked "
            "Planning to consider calling it in to committee.",
        ),
        (
            "Planning: the objections are logged; the application goes to committee next month.",
            "Planning: the application was refused under delegated powers.",
            "Planning: the application was approved with conditions on parking.",
        ),
        campaign=True,
    ),
    CaseKind(
        "planning",
        3,
        ("Concerns about extension next door, {street}", "Neighbour's extension: loss of light"),
        ("The neighbour's two-storey extension would block light to the resident's kitchen.",),
        ("Asked the planning case officer how the neighbour's concerns will be weighed.",),
        (
            "Planning: the case officer will visit the resident's garden before deciding.",
            "Planning: the application was approved with obscure glazing on the side wall.",
        ),
    ),
    CaseKind(
        "planning",
        3,
        (
            "Unauthorised fence on {street}",
            "Possible breach of planning control at {number} {street}",
            "House on {street} converted to an HMO without permission",
        ),
        (
            "A two-metre fence has gone up next to the footpath on {street}, blocking sight "
            "lines for drivers.",
            "Neighbours think {number} {street} is being let room by room to eight people.",
        ),
        ("Reported the suspected breach at {street} to planning enforcement.",),
        (
            "Enforcement visited; a retrospective application has been invited.",
            "Enforcement found no breach: the works are permitted development.",
        ),
    ),
    # Licensing
    CaseKind(
        "licensing",
        4,
        (
            "Late-night noise from {venue}",
            "Objection to later opening hours at {venue}",
            "Licence conditions at {venue}",
        ),
        (
            "Residents on {street} say customers leaving {venue} are shouting and fighting "
            "after 1am, and the bar plays music with the doors open.",
            "{venue} has applied to extend its hours to 2am at weekends. Neighbours oppose it.",
        ),
        (
            "Asked Licensing to check whether {venue} is keeping to its licence conditions, "
            "and passed on the residents' views on the later hours.",
        ),
        (
            "Licensing visited {venue} with the police; a warning was issued about door "
            "supervision and noise.",
            "The licence variation for {venue} goes to a Licensing sub-committee hearing next "
            "month.",
        ),
        campaign=True,
    ),
    # Council tax
    CaseKind(
        "council-tax",
        3,
        ("Council tax arrears and a payment plan", "Council tax summons after missed payments"),
        (
            "The resident fell behind with council tax after losing hours at work and now "
            "owes about £{amount}. She wants to agree affordable instalments.",
        ),
        (
            "Asked Council tax to hold recovery action and contact the resident about a "
            "payment arrangement.",
        ),
        (
            "Council tax agreed to hold recovery for 30 days and set up a payment plan.",
            "Council tax offered instalments over twelve months and a council tax reduction check.",
        ),
    ),
    CaseKind(
        "council-tax",
        2,
        ("Single person discount stopped", "Council tax bill wrong after discount removed"),
        ("The single person discount was removed although the resident lives alone.",),
        ("Asked Council tax to review the discount decision.",),
        (
            "Council tax reinstated the discount and sent a corrected bill.",
            "Council tax could not change the decision; the resident can appeal to the "
            "valuation tribunal.",
        ),
    ),
    # Adult social care
    CaseKind(
        "adult-social-care",
        2,
        ("Blue badge application delayed", "Blue badge renewal refused"),
        ("The resident applied for a blue badge {weeks} weeks ago and has heard nothing.",),
        (
            "Asked Adult social care for an update on the blue badge application and the "
            "expected decision date.",
        ),
        (
            "The application has been assessed and the badge is being posted.",
            "The refusal was reviewed and overturned; the badge is being posted.",
        ),
        special_share=0.85,
        sensitive_notes=(
            "Resident has told me about his heart condition and reduced mobility.",
            "Resident uses a wheelchair after a stroke last year.",
        ),
    ),
    CaseKind(
        "adult-social-care",
        2,
        ("Care package review for elderly resident", "Delay in home adaptations"),
        (
            "The family say their father's care package no longer meets his needs since his fall.",
            "An occupational therapist recommended a level-access shower, but nothing has "
            "happened in months.",
        ),
        (
            "Asked Adult social care to review the care package and adaptations, with the "
            "family's consent.",
        ),
        (
            "Adult social care: a review is booked for next week.",
            "Adult social care: the adaptation is approved and on the contractor's list.",
        ),
        special_share=0.9,
        sensitive_notes=(
            "Daughter says her father has early dementia; she has lasting power of attorney.",
        ),
    ),
    # Children's services
    CaseKind(
        "childrens-services",
        2,
        ("School transport refused", "Free school transport to {school}"),
        (
            "The family were refused free school transport to {school}, three miles away, "
            "on a route with no safe walking path.",
        ),
        ("Asked the school transport team to review the refusal, noting the walking route.",),
        (
            "The refusal was upheld on review; the family can go to a stage two appeal.",
            "Transport approved on appeal from next term.",
        ),
        special_share=0.5,
        sensitive_notes=("The child has a medical condition that affects walking far.",),
    ),
    CaseKind(
        "childrens-services",
        1,
        ("School place appeal for {school}", "No place at {school}"),
        ("The family did not get a place at {school}, their nearest school, and want to appeal.",),
        ("Asked School admissions how the appeal works and when it will be heard.",),
        (
            "Admissions sent the appeal papers; the hearing is in {weeks} weeks.",
            "A place came up at {school} from the waiting list.",
        ),
    ),
    CaseKind(
        "childrens-services",
        1,
        ("Delay with a child's EHC plan", "EHC needs assessment overdue"),
        ("The EHC needs assessment has passed the 20-week deadline.",),
        ("Asked Children's services why the EHC plan is late and when it will be issued.",),
        ("Children's services: the draft plan will be issued within four weeks.",),
        special_share=0.9,
        sensitive_notes=("Parent told me the child has an autism diagnosis and anxiety.",),
    ),
    # Regulatory services
    CaseKind(
        "regulatory-services",
        1,
        ("Rats in gardens on {street}", "Rat problem behind {street}"),
        ("Several households on {street} have seen rats in their gardens.",),
        ("Asked Pest control to visit {street}.",),
        ("Pest control baited the area and wrote to households about food waste.",),
    ),
    CaseKind(
        "regulatory-services",
        1,
        ("Bonfire smoke from a garden on {street}", "Neighbour burning rubbish, {street}"),
        (
            "A neighbour burns garden and household waste most weekends; the smoke comes into "
            "the house.",
        ),
        ("Asked Environmental health to look into the bonfires on {street}.",),
        ("Environmental health wrote to the neighbour; diary sheets sent to the resident.",),
    ),
    CaseKind(
        "regulatory-services",
        1,
        ("Rogue trader targeting older residents", "Doorstep trader overcharged resident"),
        (
            "A doorstep trader charged an older resident £{amount} for gutter work that was "
            "not done.",
        ),
        ("Reported the trader to Trading standards.",),
        ("Trading standards are investigating and have referred it to the police.",),
    ),
    # Anti-social behaviour
    CaseKind(
        "anti-social-behaviour",
        3,
        ("Noisy neighbours on {street}", "Loud music late at night, {street}"),
        (
            "The resident's neighbours play loud music until 3am several nights a week. She "
            "has tried talking to them.",
        ),
        ("Referred the noise to the anti-social behaviour team and asked them to open a case.",),
        (
            "ASB team: diary sheets sent and noise monitoring offered.",
            "ASB team: a warning letter has been sent to the household.",
        ),
        special_share=0.15,
        sensitive_notes=(
            "Resident says the stress is affecting her mental health and she is seeing her GP.",
        ),
    ),
    CaseKind(
        "anti-social-behaviour",
        2,
        ("Young people gathering at {park}", "Anti-social behaviour at {park}"),
        (
            "Groups gather at {park} in the evenings; residents report shouting, litter and "
            "small fires.",
        ),
        ("Raised the concerns with the neighbourhood policing team and the ASB team.",),
        (
            "Police have added {park} to their evening patrols.",
            "The youth service will run sessions at {park} on Friday evenings.",
        ),
    ),
    CaseKind(
        "anti-social-behaviour",
        1,
        ("Suspected drug dealing on {street}", "Cars stopping at all hours on {street}"),
        ("Residents see cars stopping briefly outside one house on {street} at all hours.",),
        ("Passed the residents' reports to the neighbourhood policing team.",),
        ("Police thanked residents and asked them to keep reporting through 101.",),
    ),
    # Parks and open spaces
    CaseKind(
        "parks-and-open-spaces",
        3,
        ("Broken play equipment at {park}", "Play area closed at {park}"),
        (
            "The swings at {park} have been taped off for {weeks} weeks and the roundabout is "
            "broken.",
        ),
        ("Asked Parks and open spaces when the play equipment at {park} will be repaired.",),
        (
            "Parks: replacement parts ordered; the play area will reopen in {weeks} weeks.",
            "Parks: the roundabout is beyond repair and will be replaced in the spring.",
        ),
        campaign=True,
    ),
    CaseKind(
        "parks-and-open-spaces",
        2,
        ("Overgrown hedges at {park}", "Grass not cut at {park}"),
        (
            "Hedges along the path at {park} are so overgrown that the path is half its "
            "width, and the grass has not been cut this summer.",
        ),
        ("Asked Parks and open spaces when maintenance at {park} is due.",),
        ("Parks: {park} is on this month's programme.",),
    ),
    CaseKind(
        "parks-and-open-spaces",
        2,
        ("Overhanging tree from council land, {street}", "Council tree behind {street}"),
        ("A large tree on council land overhangs the garden at {number} {street}.",),
        ("Asked the tree officer to inspect the tree behind {street}.",),
        (
            "Tree officer: the tree is healthy; a crown lift will be done in the autumn.",
            "Tree officer: the overhanging branches will be cut back next month.",
        ),
    ),
    # Other
    CaseKind(
        "other",
        2,
        ("Bus route {route} withdrawn", "Cuts to the {route} bus"),
        (
            "The bus operator has cut the {route} service, leaving older residents of {ward} "
            "without a bus to the town centre.",
        ),
        ("Wrote to the bus operator and the transport authority about the {route} service.",),
        (
            "The operator replied that the route was not commercially viable.",
            "The transport authority will fund an hourly service on weekdays.",
        ),
        campaign=True,
    ),
    CaseKind(
        "other",
        2,
        ("Help with a benefits appeal", "Universal Credit payment stopped"),
        ("The resident's benefit claim was refused and she needs advice on appealing.",),
        ("Signposted the resident to Citizens Advice and the local advice centre.",),
        ("Citizens Advice have booked an appointment with the resident.",),
        special_share=0.3,
        sensitive_notes=("Resident disclosed a long-term illness that affects her claim.",),
    ),
]


# Generic timeline text shared by every kind.
ACKNOWLEDGEMENTS = (
    "Acknowledged and said I would raise it with the council.",
    "Thanked the resident for getting in touch and explained what happens next.",
    "Replied to say I have taken this up and will update them within two weeks.",
)
UPDATES_TO_CONSTITUENT = (
    "Rang the resident to pass on the council's reply.",
    "Emailed the resident with the council's response.",
    "Wrote to the resident with an update.",
    "Left a voicemail with an update and asked them to call back.",
)
CHASERS = (
    "Chased {service} for an update: no reply after ten working days.",
    "Chased {service} again and copied in the service manager.",
    "Spoke to the officer at {service}; they are waiting for a contractor.",
)
ASK_CONSTITUENT = (
    "Asked the resident for photos and the dates it happened.",
    "Asked the resident to send the council's letter so I can see the decision.",
    "Asked the resident to keep a diary for two weeks.",
)
CONSTITUENT_REPLIES = (
    "Resident sent photos and the dates.",
    "Resident called back: the problem is still there.",
    "Resident emailed to say thank you for the update.",
    "Resident says things have improved a little.",
)
THIRD_PARTY = (
    "Wrote to the housing association asking for their repair timetable.",
    "Contacted the utility company about the works on the road.",
    "Asked the police neighbourhood team for their view.",
)
CLOSING_NOTES = {
    "resolved": "Resident confirmed the problem is sorted. Closing.",
    "partly_resolved": "Partly sorted; the resident is content to close for now.",
    "not_resolved": "The council will not change its decision. Explained the resident's "
    "options and closed.",
    "signposted": "Signposted the resident to the right organisation and closed.",
    "no_further_action": "No reply from the resident after two reminders. Closing.",
    "withdrawn": "Resident asked me to stop: they have sorted it themselves.",
}
INTAKE_PREFIX = {
    "email": "",
    "phone": "",
    "letter": "",
    "social_media": "Message via social media. ",
    "surgery": "At the ward surgery. ",
    "doorstep": "On the doorstep. ",
    "campaign": "One of several residents writing about this. ",
    "other": "",
}
