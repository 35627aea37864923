"""Word lists for the fictional council. Names are common given names and surnames picked at
random, so any resemblance to a real person is coincidence; places are invented."""


def _split(text: str) -> list[str]:
    return text.split()


COUNCIL_TOWN = "Demoton"

# Made-up ONS-style ward codes (E05900001...); the E05900 range is not used by real wards.
WARDS = [
    "Abbey",
    "Brookside",
    "Castle Hill",
    "Dene Park",
    "Eastfield",
    "Fairholme",
    "Greenway",
    "Harbourside",
    "Ivy Bank",
    "Kingsmead",
    "Larkfield",
    "Millbrook",
]

# "DM" is not a real UK postcode area but has a valid format (see core.postcodes).
POSTCODE_AREA = "DM"
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

# Invented political groups: (name, short name, seats). Non-aligned councillors fill the rest.
POLITICAL_GROUPS = [
    ("Riverside Progressives", "RP", 15),
    ("Borough First", "BF", 11),
    ("Heritage Alliance", "HA", 5),
    ("Community Voice", "CV", 2),
]
NON_ALIGNED_SEATS = 3

FIRST_NAMES = _split(
    """
    Aisha Alan Alice Amir Amy Andrew Angela Anil Barbara Ben Bethan Brian Callum Carol
    Catherine Chloe Chris Claire Colin Daniel David Deborah Declan Eileen Ella Emma Farah
    Fatima Gareth Gemma Gillian Grace Hamza Hannah Harry Hazel Ian Imran Isla Jack
    Jacqueline James Jane Jasmine Jenny John Joseph Julie Karen Kate Keith Kerry Kwame Laura
    Leah Liam Linda Lucy Maria Mark Martin Megan Michael Mohammed Nadia Neil Nicola Niamh
    Oliver Olivia Patricia Paul Peter Rachel Rajesh Rebecca Rhys Richard Robert Ruth Ryan
    Sarah Shirley Simon Sophie Stephen Susan Tariq Theo Tracey Usha Victoria Wayne Yasmin
    Zoe
"""
)

LAST_NAMES = _split(
    """
    Adams Ahmed Ali Allen Anderson Atkinson Bailey Baker Barker Bell Bennett Brooks Brown
    Butler Campbell Carter Chapman Clarke Collins Cooper Cox Davies Dawson Dixon Doyle
    Edwards Ellis Evans Fisher Foster Francis Gibson Graham Gray Green Griffiths Hall Harris
    Hayes Hill Holmes Hughes Hussain Jackson James Jenkins Johnson Jones Kaur Kelly Khan
    King Knight Lee Lewis Lloyd Marshall Martin Mason Matthews Mills Mitchell Moore Morris
    Murphy Murray Nelson Newman Nowak O'Brien Owen Palmer Parker Patel Pearson Phillips
    Powell Price Reid Richards Roberts Robinson Rogers Russell Scott Shaw Simpson Singh
    Smith Stevens Stewart Taylor Thomas Thompson Turner Walker Ward Watson White Williams
    Wilson Wood Wright Young
"""
)

TITLES = [("Mr", 30), ("Mrs", 18), ("Ms", 14), ("Miss", 5), ("Dr", 2), ("Mx", 1), ("", 30)]

STREET_STEMS = _split(
    """
    Mill Church Station Chapel Orchard Willow Beech Meadow Kingfisher Foxglove Elm Oak Ash
    Hazel Rowan Heather Victoria Albert Queen's King's Park Garden Bridge Canal Wharf Forge
    Tannery Priory Abbey Market Well Spring Cherry Linden Poplar Holly Laurel Primrose
    Bluebell Clover Lark Swallow Heron Badger Otter Furze Bramble Copse Granary Dairy
"""
)
STREET_SUFFIXES = _split(
    """
    Road Lane Street Close Avenue Way Gardens Crescent Drive Terrace Grove Walk Place Court
    Rise View
"""
)

# Parks, schools and venues used by the case text templates, per ward by index.
PARK_KINDS = ["Recreation Ground", "Park", "Green", "Playing Fields", "Gardens"]
SCHOOL_KINDS = ["Primary School", "Academy", "Infant School", "Junior School", "High School"]
VENUE_NAMES = [
    "The Old Forge",
    "The Lantern Bar",
    "Night Owl",
    "The Copper Kettle",
    "Bar Sixty",
    "The Railway Tavern",
    "Club Orbit",
    "The Snug",
    "Harbour Lights",
    "The Blue Door",
]
BUS_ROUTES = ["4", "7", "12", "15A", "21", "33", "X5", "58"]

TAG_POOL = [
    "Surgery",
    "Ward walk",
    "Repeat issue",
    "Press interest",
    "Cost of living",
    "Winter",
    "Flooding",
    "Road safety",
    "Older residents",
    "Young people",
    "Residents' association",
    "Raised at full council",
    "MP involved",
    "Ward budget",
    "Complaint to council",
    "Accessibility",
]

ACCESSIBILITY_NEEDS = [
    "Large print letters, please.",
    "Hearing aid user: prefers email or face to face.",
    "Uses a wheelchair: ground-floor venues only.",
    "English is a second language; her son helps with letters.",
    "Dyslexic: prefers a phone call to a long email.",
    "Needs a BSL interpreter for meetings.",
]

VULNERABILITY_NOTES = [
    "Lives alone and has limited mobility.",
    "Carer for a disabled adult son; under a lot of pressure.",
    "Recently bereaved.",
    "Has told me about serious health problems; take care with contact.",
    "Known to adult social care; agreed we can talk to her social worker.",
]
