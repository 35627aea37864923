"""Demo data for FAQs and model responses: about fifty questions members ask, across the demo
council's services, each with an answer for members and (most) a model response for
constituents using placeholders, plus a year of usage counts so the usage report has something
to show.

Called by DemoCouncilBuilder.build() after the people exist (`builder.services`: slug ->
ServiceArea; `builder.owners`, `builder.democratic`). Deterministic for the builder's seed (its
own `random.Random`); written with bulk_create. Every name, organisation and number is
invented: "Demo..." bodies, 01632 960xxx numbers and example.org addresses.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from councillor_hub.faqs.models import Faq, FaqUse, UseKind

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

GREETING = "Dear {constituent_name},\n\n"
SIGN_OFF = "\n\nYours sincerely,\n\n{councillor_name}\nCouncillor for {ward} ward"
SIGN_OFF_REF = (
    "\n\nIf you reply, please quote {case_reference}.\n\nYours sincerely,\n\n"
    "{councillor_name}\nCouncillor for {ward} ward"
)

# (service slug, question, answer for members, model response body or "", keywords,
#  members only)
FAQS: list[tuple[str, str, str, str, str, bool]] = [
    # Highways
    (
        "highways",
        "How quickly are potholes repaired?",
        "Highways inspect every reported pothole within 5 working days. Anything deeper than "
        "40mm on a road, or 20mm on a footway, is a safety defect: it is made safe within 24 "
        "hours and repaired permanently within 28 days. Shallower defects go on the planned "
        "programme. Report through the council website or, for members, the enquiry form.",
        "Thank you for contacting me about the pothole you reported. I have raised it with "
        "{council_name}'s highways team. They inspect every reported pothole within five "
        "working days, and any that is a danger is made safe within 24 hours and repaired "
        "within 28 days. I will let you know what the inspection finds.",
        "pothole potholes road surface defect repair carriageway",
        False,
    ),
    (
        "highways",
        "A streetlight is out: who fixes it?",
        "The council maintains streetlights on adopted roads through the Demo Street Lighting "
        "Partnership. A single light out is fixed within 5 working days; a whole street out "
        "within 24 hours. Lights on private roads and car parks belong to their owner. Each "
        "column has a number on a plate: ask the resident for it.",
        "Thank you for letting me know about the streetlight that is not working. I have "
        "reported it to {council_name}, whose lighting contractor fixes single lights within "
        "five working days. If you can tell me the number on the lamp post, it helps them "
        "find it quickly.",
        "streetlight street light lamp post dark lighting column",
        False,
    ),
    (
        "highways",
        "Can we have a 20mph limit or traffic calming on our road?",
        "Requests are scored each spring against collision records, speed surveys, schools "
        "and footfall. The top-scoring schemes are funded in the next year's programme. A "
        "member can ask for a speed survey (two weeks with a counter) to support a request. "
        "Community Speedwatch groups are run with the police.",
        "Thank you for contacting me about traffic speeds on your road. I share your concern "
        "and have asked {council_name}'s road safety team to carry out a speed survey. "
        "Requests for 20mph limits and traffic calming are assessed each spring against "
        "collision records and speed data, and I will support the case for your road.",
        "speeding 20mph speed limit traffic calming humps road safety",
        False,
    ),
    (
        "highways",
        "Who clears ice and snow, and which roads are gritted?",
        "The council grits about 45% of the road network: A and B roads, bus routes and roads "
        "to schools and hospitals. Residential roads are not gritted. Grit bins are refilled "
        "in November and on request when empty. Pavements are cleared in town centres only.",
        "Thank you for contacting me about gritting. {council_name} grits main roads, bus "
        "routes and roads to schools and hospitals; residential streets are not on the "
        "gritting routes. I have asked for the grit bin on your road to be checked and "
        "refilled.",
        "gritting grit bin snow ice winter salt",
        False,
    ),
    (
        "highways",
        "A hedge or tree is blocking the pavement. What can the council do?",
        "If the hedge belongs to a private property, the highways team writes to the owner "
        "and gives 14 days to cut it back, then can do the work and recharge. Council trees "
        "are dealt with by the tree team (Parks).",
        "Thank you for reporting the overgrown hedge blocking the pavement. I have asked "
        "{council_name}'s highways team to write to the owner, who will be given 14 days to "
        "cut it back.",
        "hedge overgrown vegetation pavement footway obstruction",
        False,
    ),
    (
        "highways",
        "How do I get a dropped kerb for a driveway?",
        "Residents apply and pay for a vehicle crossing (currently £95 to apply, then the "
        "quoted cost of works, usually £1,200 to £2,500). Planning permission is needed on "
        "classified roads. The council's approved contractor does the work.",
        "Thank you for asking about a dropped kerb. You can apply to {council_name} for a "
        "vehicle crossing on its website; there is an application fee and the council will "
        "then quote for the work. I am happy to help if you run into any difficulty.",
        "dropped kerb vehicle crossing driveway access",
        False,
    ),
    # Parks and open spaces
    (
        "parks-and-open-spaces",
        "Who looks after trees on council land, and will they cut one back?",
        "The tree team inspects council trees on a three-year cycle. They will remove dead or "
        "dangerous trees and cut back branches touching buildings, but not for light, leaves, "
        "bird droppings or blocked TV signals. Trees with a preservation order need consent.",
        "Thank you for contacting me about the tree near your home. I have asked "
        "{council_name}'s tree team to inspect it. They will work on trees that are dead, "
        "dangerous or touching a building, though they cannot prune for light or leaves.",
        "tree trees pruning branches overhanging leaves tpo",
        False,
    ),
    (
        "parks-and-open-spaces",
        "Play equipment in a park is broken. How soon will it be fixed?",
        "Play areas are inspected weekly. Anything dangerous is taped off the same day; "
        "repairs follow within 10 working days, longer if parts are on order.",
        "Thank you for reporting the broken play equipment. I have passed it to "
        "{council_name}'s parks team, who make anything dangerous safe the same day and aim "
        "to repair it within ten working days.",
        "playground play area swings equipment broken park",
        False,
    ),
    (
        "parks-and-open-spaces",
        "How often is the grass cut in parks and verges?",
        "Parks are cut every two weeks from March to October, verges four times a year, and "
        "some verges are left long for wildlife (signed 'Managed for nature').",
        "Thank you for contacting me about grass cutting. {council_name} cuts parks every "
        "two weeks in the growing season and roadside verges four times a year. Some areas "
        "are deliberately left longer to help wildlife. I have asked whether your area is "
        "due a cut.",
        "grass cutting mowing verge verges",
        False,
    ),
    (
        "parks-and-open-spaces",
        "Can a community group hold an event in a park?",
        "Groups book through the events team at least 8 weeks ahead. Small events (under 200 "
        "people, no structures) pay no fee; they need public liability insurance and a risk "
        "assessment.",
        "",
        "event events booking park hire festival",
        False,
    ),
    # Waste and recycling
    (
        "waste-and-recycling",
        "What happens when a bin collection is missed?",
        "Missed bins reported within two working days are collected within two further "
        "working days. Repeated misses (three in three months) put the address on the "
        "assisted-attention list for the crew supervisor.",
        "Thank you for contacting me about the missed bin collection. I have reported it to "
        "{council_name}'s waste team, who will return to collect it within two working days. "
        "If it happens again, please let me know so that I can take it up with the "
        "supervisor.",
        "missed bin collection bins rubbish refuse not collected",
        False,
    ),
    (
        "waste-and-recycling",
        "Who can have an assisted bin collection?",
        "Residents who cannot move their bins to the kerb because of age, disability or "
        "health, with nobody in the household able to help, can have the crew collect from "
        "their property. Apply online or by phone; no medical evidence needed.",
        "Thank you for asking about an assisted bin collection. If nobody in your household "
        "can take the bins to the kerb, {council_name}'s crews can collect them from your "
        "property. I have asked the waste team to contact you to set this up.",
        "assisted collection bins disabled elderly help",
        False,
    ),
    (
        "waste-and-recycling",
        "How do I report fly-tipping?",
        "Fly-tipping on public land is cleared within 3 working days (1 day if hazardous). "
        "The enforcement team searches for evidence first. Private land owners must clear "
        "their own land.",
        "Thank you for reporting the fly-tipping. I have passed the details to {council_name}, "
        "whose team will look for evidence of who dumped it and then clear it, usually within "
        "three working days.",
        "fly tipping flytipping dumped rubbish waste",
        False,
    ),
    (
        "waste-and-recycling",
        "How much is the garden waste collection?",
        "Garden waste is a subscription service: £48 a year for one brown bin, collected "
        "fortnightly March to November. Residents sign up online; bins arrive within 10 days.",
        "Thank you for asking about garden waste collections. This is a subscription service "
        "from {council_name}, which you can join on the council's website.",
        "garden waste brown bin subscription green",
        False,
    ),
    (
        "waste-and-recycling",
        "My recycling was not taken because it was contaminated. Why?",
        "Crews leave a recycling bin with a tag if it contains non-recyclable items (nappies, "
        "food, black bags). The resident removes them and the bin goes on the next "
        "collection.",
        "Thank you for contacting me about your recycling bin. The crew leaves a bin if it "
        "contains items that cannot be recycled, as one bin can spoil a whole lorry load. If "
        "you remove them, it will be emptied on your next collection day.",
        "recycling contaminated tag left bin",
        False,
    ),
    (
        "waste-and-recycling",
        "How do I order a new or replacement bin?",
        "Replacement bins for lost or damaged ones are free; extra recycling bins are free; "
        "a new household's set costs £30 (paid by developers for new builds).",
        "Thank you for asking about a replacement bin. I have asked {council_name} to "
        "deliver one; replacement bins for lost or damaged ones are free.",
        "new bin replacement lost damaged stolen",
        False,
    ),
    # Housing
    (
        "housing",
        "How do I join the housing register, and how long is the wait?",
        "Applications are made online and banded A to D by need. Waiting times for a "
        "two-bedroom home range from a few months (band A) to several years (band D). "
        "Members cannot influence a banding but can ask for a review of a decision.",
        "Thank you for contacting me about your housing application. I understand how "
        "difficult waiting is. I have asked {council_name}'s housing team to confirm your "
        "band and whether any of your circumstances have changed the priority you should "
        "have.",
        "housing register waiting list social housing band application",
        False,
    ),
    (
        "housing",
        "A council tenant reports damp and mould. What happens?",
        "Damp and mould reports are triaged within 24 hours; a surveyor visits within 10 "
        "working days (2 if there is a child or vulnerable person). Treatment and repairs "
        "follow the survey. Members can escalate if deadlines are missed.",
        "Thank you for telling me about the damp and mould in your home. This must be dealt "
        "with. I have raised it with {council_name}'s repairs team, who should send a "
        "surveyor within ten working days, sooner where children or vulnerable people live "
        "in the home.",
        "damp mould condensation repairs tenant council house",
        False,
    ),
    (
        "housing",
        "A private tenant's landlord will not do repairs. Can the council help?",
        "The private sector housing team inspects under the Housing Health and Safety Rating "
        "System and can serve improvement notices. The tenant should first tell the landlord "
        "in writing.",
        "Thank you for contacting me about the repairs your landlord has not done. "
        "{council_name}'s private housing team can inspect the property and, if needed, "
        "require the landlord to make repairs. I have asked them to contact you.",
        "private landlord repairs disrepair tenant rented",
        False,
    ),
    (
        "housing",
        "Someone is threatened with homelessness. What should they do?",
        "Anyone at risk of losing their home within 56 days should contact the housing "
        "options team straight away. Out of hours, the emergency line is 01632 960402.",
        "Thank you for contacting me. I am sorry to hear you may lose your home. Please "
        "contact {council_name}'s housing options team as soon as you can: they have a duty "
        "to help and the earlier they know, the more they can do. I have also let them know "
        "about your situation.",
        "homeless homelessness eviction notice section 21",
        False,
    ),
    (
        "housing",
        "How do members nominate a constituent for a housing transfer?",
        "Members cannot nominate. Transfers go through the register like any application. "
        "The housing team gives members a named contact for complex cases.",
        "",
        "transfer nomination housing move",
        True,
    ),
    # Planning
    (
        "planning",
        "How can a resident comment on a planning application?",
        "Comments are made online within 21 days of the neighbour letter or site notice. "
        "Only material planning considerations count (not loss of view or property values).",
        "Thank you for contacting me about the planning application near you. You can comment "
        "on {council_name}'s planning website within 21 days of the notice. Comments about "
        "overlooking, traffic, design and the effect on neighbours carry weight; loss of a "
        "view or property values cannot be considered.",
        "planning application comment objection object neighbour",
        False,
    ),
    (
        "planning",
        "Can a councillor call an application in to committee?",
        "A ward member may call in an application within 21 days of the consultation, giving "
        "planning reasons, using the call-in form to democratic services. Members on the "
        "planning committee must not pre-determine.",
        "",
        "call in call-in planning committee",
        True,
    ),
    (
        "planning",
        "Someone is building without permission. What can be done?",
        "The enforcement team investigates breaches within 20 working days. Most cases are "
        "resolved by a retrospective application; formal action is a last resort.",
        "Thank you for reporting building work you think may not have permission. I have "
        "passed the details to {council_name}'s planning enforcement team, who will "
        "investigate. Most cases are settled by the owner applying for permission.",
        "enforcement breach unauthorised building extension without permission",
        False,
    ),
    (
        "planning",
        "Does a householder need planning permission?",
        "Many extensions are permitted development. Residents can check the national guidance "
        "or apply for a lawful development certificate. Listed buildings and conservation "
        "areas have extra rules.",
        "Thank you for asking whether you need planning permission. Many small extensions do "
        "not, but the rules are detailed. {council_name} can confirm for certain through a "
        "lawful development certificate.",
        "permission extension permitted development householder",
        False,
    ),
    # Licensing
    (
        "licensing",
        "How can residents object to a licence application?",
        "Representations are made within 28 days of the notice, on one of the four licensing "
        "objectives (crime and disorder, public safety, public nuisance, protecting children).",
        "Thank you for contacting me about the licence application. You can make a "
        "representation to {council_name}'s licensing team within 28 days of the notice. It "
        "must relate to crime and disorder, public safety, public nuisance or the protection "
        "of children.",
        "licence license premises alcohol objection representation",
        False,
    ),
    (
        "licensing",
        "A taxi driver behaved badly. How is a complaint made?",
        "Complaints about licensed drivers go to the licensing team with the plate number, "
        "date and time. Serious complaints can lead to suspension.",
        "Thank you for telling me about your experience with a taxi. I have passed your "
        "complaint to {council_name}'s licensing team. If you have the vehicle's plate number "
        "and the time of the journey, please send them to me.",
        "taxi private hire driver complaint cab",
        False,
    ),
    (
        "licensing",
        "Do street parties need a licence?",
        "Residents' street parties need a road closure (free, apply 6 weeks ahead) but no "
        "licence unless alcohol is sold.",
        "Thank you for asking about a street party. You do not need a licence unless you are "
        "selling alcohol, but you will need {council_name} to close the road, which is free "
        "if you apply six weeks ahead.",
        "street party road closure celebration",
        False,
    ),
    # Council tax
    (
        "council-tax",
        "Who can get a council tax discount?",
        "Single occupiers get 25% off. Council Tax Support is means-tested. Students, carers "
        "and people with severe mental impairment may be disregarded.",
        "Thank you for asking about council tax discounts. If you live alone you are entitled "
        "to a 25% discount, and if your income is low you may get Council Tax Support. You "
        "can apply on {council_name}'s website.",
        "council tax discount single person reduction support",
        False,
    ),
    (
        "council-tax",
        "A resident cannot pay their council tax. What help is there?",
        "The revenues team agrees payment plans (up to 12 monthly payments) and can pause "
        "recovery while a Council Tax Support claim is assessed. The hardship fund helps in "
        "exceptional cases. Free debt advice: Demo Money Advice, 01632 960455.",
        "Thank you for contacting me about your council tax. Please do not worry alone: "
        "{council_name} can spread the payments and may be able to reduce your bill. I have "
        "asked the revenues team to contact you about a payment plan.",
        "arrears debt cannot pay council tax bill hardship summons",
        False,
    ),
    (
        "council-tax",
        "How is a council tax band challenged?",
        "Bands are set by the Valuation Office Agency, not the council. Residents challenge "
        "through the VOA website.",
        "Thank you for contacting me about your council tax band. Bands are set by the "
        "Valuation Office Agency rather than {council_name}, and you can ask them to review "
        "it on their website.",
        "council tax band valuation challenge appeal",
        False,
    ),
    # Adult social care
    (
        "adult-social-care",
        "How does someone get a care needs assessment?",
        "Anyone who appears to need care and support can ask adult social care for a free "
        "assessment, by phone or online. Carers can have their own assessment.",
        "Thank you for contacting me about care and support. Anyone who may need help can "
        "ask {council_name} for a free care needs assessment, and carers can ask for one "
        "too. I have asked adult social care to contact you.",
        "care assessment social care elderly support needs",
        False,
    ),
    (
        "adult-social-care",
        "How are members told about safeguarding concerns?",
        "Members report concerns like anyone else; they are not told the outcome for "
        "confidentiality reasons. Urgent risk: 999; otherwise the safeguarding line.",
        "",
        "safeguarding concern vulnerable adult abuse",
        True,
    ),
    (
        "adult-social-care",
        "Can the council help with home adaptations?",
        "Occupational therapists assess for adaptations. Minor ones (rails, ramps) are free; "
        "major ones use a Disabled Facilities Grant (means-tested, up to £30,000).",
        "Thank you for asking about adaptations to your home. {council_name}'s occupational "
        "therapists can assess what would help; small adaptations are free and larger ones "
        "may be funded by a Disabled Facilities Grant.",
        "adaptations rails ramp stairlift disabled facilities grant",
        False,
    ),
    # Children's services
    (
        "childrens-services",
        "How do parents apply for a school place?",
        "Applications for reception and secondary transfer open in September, online. In-year "
        "applications go to the admissions team. Members cannot influence allocations but "
        "can help with appeals information.",
        "Thank you for contacting me about a school place. Applications are made online to "
        "{council_name}'s admissions team. If you are unhappy with the place offered, you "
        "have the right to appeal and I can point you to help with that.",
        "school admissions place appeal application reception secondary",
        False,
    ),
    (
        "childrens-services",
        "Who is eligible for free school transport?",
        "Children under 8 living over 2 miles, or over 8 living over 3 miles, from their "
        "nearest suitable school; low-income families have wider eligibility.",
        "Thank you for asking about school transport. {council_name} provides free transport "
        "where the nearest suitable school is beyond walking distance, and more families "
        "qualify on a low income. You can apply on the council's website.",
        "school transport bus travel eligibility",
        False,
    ),
    (
        "childrens-services",
        "What early help is there for families?",
        "The early help team offers parenting support, family workers and youth services. "
        "Families can refer themselves.",
        "Thank you for contacting me. {council_name}'s early help team offers support for "
        "families, and you can contact them directly. I have let them know that you would "
        "welcome a call.",
        "early help family support parenting",
        False,
    ),
    # Regulatory services
    (
        "regulatory-services",
        "How is a noise complaint dealt with?",
        "Residents keep a diary for two weeks; officers may install recording equipment. A "
        "statutory nuisance leads to an abatement notice. The night noise patrol runs Friday "
        "and Saturday, 10pm to 3am.",
        "Thank you for contacting me about the noise you are experiencing. I have raised it "
        "with {council_name}'s environmental health team. They will ask you to keep a diary "
        "and may install recording equipment; if the noise is a statutory nuisance, they can "
        "serve a notice to stop it.",
        "noise neighbour music barking dog nuisance loud",
        False,
    ),
    (
        "regulatory-services",
        "How are food hygiene complaints handled?",
        "Officers investigate complaints about food businesses within 5 working days and can "
        "inspect without notice. Ratings are published by the Food Standards Agency.",
        "Thank you for reporting your concerns about the food business. I have passed them to "
        "{council_name}'s food safety team, who will investigate and can inspect without "
        "notice.",
        "food hygiene restaurant takeaway rating complaint",
        False,
    ),
    (
        "regulatory-services",
        "What can be done about rats or other pests?",
        "The pest control service treats rats free for residents (wasps, mice and others are "
        "charged). Rats on public land are treated by the council.",
        "Thank you for contacting me about rats near your home. {council_name}'s pest control "
        "service treats rats free of charge for residents, and I have asked them to contact "
        "you to arrange a visit.",
        "rats pests pest control mice vermin",
        False,
    ),
    (
        "regulatory-services",
        "Who deals with bonfire smoke and air pollution?",
        "Occasional bonfires are not illegal. Repeated smoke nuisance is investigated like "
        "noise. Commercial burning is a matter for environmental protection.",
        "Thank you for contacting me about bonfire smoke. An occasional garden bonfire is not "
        "against the law, but repeated smoke can be a nuisance, and {council_name}'s "
        "environmental health team will investigate if you keep a note of when it happens.",
        "bonfire smoke burning air pollution",
        False,
    ),
    # Anti-social behaviour
    (
        "anti-social-behaviour",
        "How is anti-social behaviour reported, and who deals with it?",
        "Crime and immediate danger: 999. Ongoing ASB: the police (101) and the council's "
        "community safety team jointly. Council tenants' ASB goes to housing management.",
        "Thank you for contacting me about the anti-social behaviour in your area. I have "
        "raised it with {council_name}'s community safety team, who work with the police. "
        "Please report incidents to the police on 101 too, or 999 in an emergency, as each "
        "report helps build a picture.",
        "anti social behaviour asb youths nuisance police",
        False,
    ),
    (
        "anti-social-behaviour",
        "What is the community trigger?",
        "A victim who has reported three incidents in six months (or five households about one "
        "problem) with no action can ask for a case review by the council, police and housing.",
        "Thank you for contacting me again about the anti-social behaviour. As you have "
        "reported it several times, you can ask for a case review under the community "
        "trigger, and {council_name}, the police and housing providers will then look at the "
        "case together. I am happy to help you do this.",
        "community trigger case review asb",
        False,
    ),
    (
        "anti-social-behaviour",
        "Can the council install CCTV on our street?",
        "New public CCTV cameras are installed only where there is evidence of persistent "
        "crime, after a privacy impact assessment. Deployable cameras can be moved for up to "
        "3 months.",
        "Thank you for asking about CCTV. {council_name} installs cameras where there is "
        "evidence of persistent crime, and I have asked the community safety team whether "
        "your street could be considered.",
        "cctv camera cameras surveillance crime",
        False,
    ),
    # Other and ICT
    (
        "other",
        "How do I claim my members' allowance and expenses?",
        "Basic allowance is paid monthly. Travel and subsistence are claimed online within 2 "
        "months, with receipts, under the members' allowances scheme in the document "
        "library.",
        "",
        "allowance allowances expenses claim mileage",
        True,
    ),
    (
        "other",
        "How do I register a gift or hospitality?",
        "Register any gift or hospitality worth £50 or more within 28 days, on the form in the "
        "document library, to the monitoring officer.",
        "",
        "gift gifts hospitality register interests",
        True,
    ),
    (
        "other",
        "How does a resident make a complaint about the council?",
        "The corporate complaints procedure has two stages (10 and 20 working days). After "
        "that, residents can go to the Local Government and Social Care Ombudsman.",
        "Thank you for contacting me. If you are unhappy with a council service, you can "
        "complain to {council_name} through its complaints procedure. If you are still not "
        "satisfied, you can then ask the Ombudsman to look at it. I am happy to help you "
        "with this.",
        "complaint complain ombudsman unhappy service",
        False,
    ),
    (
        "other",
        "A resident wants to speak at a council meeting. How?",
        "Residents can ask a question at full council (submitted 7 clear days before) or "
        "speak at planning committee (registered by noon the day before).",
        "Thank you for asking about speaking at a council meeting. You can submit a question "
        "to full council, or register to speak at a planning committee. Democratic services "
        "at {council_name} can give you the dates and deadlines.",
        "public speaking question council meeting committee",
        False,
    ),
    (
        "ict",
        "How do I reset my council account password?",
        "Use the self-service reset page from any browser, or ring the ICT service desk on "
        "01632 960410 (8am to 6pm weekdays). Members get priority.",
        "",
        "password reset locked account login ict",
        True,
    ),
    (
        "ict",
        "My council laptop or phone is lost or stolen. What do I do?",
        "Tell the ICT service desk at once (01632 960410; out of hours 01632 960411) so the "
        "device can be wiped, and report a theft to the police. It may be a data breach: the "
        "data protection officer will be told.",
        "",
        "laptop phone lost stolen device ict",
        True,
    ),
]

# Roughly how often each kind of use happens per FAQ over the demo year.
USE_RANGES = {
    UseKind.VIEWED: (4, 160),
    UseKind.SHOWN_ON_ENQUIRY: (0, 60),
    UseKind.INSERTED: (0, 30),
    UseKind.ENQUIRY_AVOIDED: (0, 8),
}
USE_DAYS = 365
BATCH = 1000


def build_faqs(builder: DemoCouncilBuilder) -> dict[str, int]:
    """Add the demo FAQs (about fifty) with a year of usage. Returns counts for the summary."""
    from .builder import keep_timestamps

    rng = random.Random(f"faqs-{builder.seed}")
    now = builder.now
    author = getattr(builder, "democratic", None)
    faqs: list[Faq] = []
    for slug, question, answer, body, keywords, members_only in FAQS:
        service = builder.services.get(slug)
        if service is None:
            continue
        if body:
            sign_off = SIGN_OFF_REF if rng.random() < 0.3 else SIGN_OFF
            response = GREETING + body + sign_off
        else:
            response = ""
        created = now - dt.timedelta(days=rng.randint(400, 900), hours=rng.randint(0, 8))
        faqs.append(
            Faq(
                service_area=service,
                question=question,
                answer=answer,
                model_response=response,
                keywords=keywords,
                members_only=members_only,
                is_published=True,
                created_at=created,
                updated_at=created + dt.timedelta(days=rng.randint(0, 300)),
            )
        )
    with keep_timestamps((Faq, "created_at"), (Faq, "updated_at")):
        faqs = Faq.objects.bulk_create(faqs)
    for faq in faqs:
        faq._history_date, faq._history_user = faq.created_at, author
    Faq.history.bulk_history_create(faqs)

    members = [owner.user for owner in getattr(builder, "owners", [])]
    uses: list[FaqUse] = []

    def moment() -> dt.datetime:
        return now - dt.timedelta(days=rng.uniform(0, USE_DAYS))

    for faq in faqs:
        popularity = rng.random() ** 2  # a few popular answers, many quiet ones
        for kind, (low, high) in USE_RANGES.items():
            if kind == UseKind.INSERTED and not faq.model_response:
                continue
            if kind in (UseKind.SHOWN_ON_ENQUIRY, UseKind.ENQUIRY_AVOIDED) and faq.members_only:
                continue  # the enquiry form shows only FAQs everyone may see
            count = low + round((high - low) * popularity * rng.uniform(0.5, 1.0))
            for _ in range(count):
                user = rng.choice(members) if members else None
                uses.append(FaqUse(faq=faq, kind=kind, user=user, at=moment()))
        if members:
            helpful = min(len(members), round(20 * popularity * rng.uniform(0.3, 1.0)))
            for user in rng.sample(members, helpful):
                uses.append(FaqUse(faq=faq, kind=UseKind.HELPFUL, user=user, at=moment()))
    with keep_timestamps((FaqUse, "at")):
        FaqUse.objects.bulk_create(uses, batch_size=BATCH)
    return {"FAQs": len(faqs), "FAQ uses": len(uses)}
