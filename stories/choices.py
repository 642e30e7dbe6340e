"""The fixed vocabularies a story is described with."""

PERSPECTIVES = [
    ("practitioner", "Practitioner"),
    ("manager", "Manager"),
    ("person-using-support", "Person using support"),
    ("unpaid-carer", "Unpaid carer"),
    ("young-carer", "Young carer"),
    ("commissioner", "Commissioner"),
    ("other", "Other"),
]

# Seeded as Sector rows by a data migration; editors may add more as snippets.
SECTORS = [
    ("health", "Health"),
    ("social-care", "Social care"),
    ("housing", "Housing"),
    ("third-sector", "Third sector"),
    ("independent-sector", "Independent sector"),
    ("education", "Education"),
    ("community", "Community"),
]

COUNCIL_AREAS = [
    (slug, name)
    for name in [
        "Aberdeen City",
        "Aberdeenshire",
        "Angus",
        "Argyll and Bute",
        "City of Edinburgh",
        "Clackmannanshire",
        "Dumfries and Galloway",
        "Dundee City",
        "East Ayrshire",
        "East Dunbartonshire",
        "East Lothian",
        "East Renfrewshire",
        "Falkirk",
        "Fife",
        "Glasgow City",
        "Highland",
        "Inverclyde",
        "Midlothian",
        "Moray",
        "Na h-Eileanan Siar",
        "North Ayrshire",
        "North Lanarkshire",
        "Orkney Islands",
        "Perth and Kinross",
        "Renfrewshire",
        "Scottish Borders",
        "Shetland Islands",
        "South Ayrshire",
        "South Lanarkshire",
        "Stirling",
        "West Dunbartonshire",
        "West Lothian",
    ]
    for slug in [name.lower().replace(" ", "-")]
]

# The curated themes offered as checkboxes; tellers may add free themes of their own.
CURATED_THEMES = [
    "Carers",
    "Young carers",
    "Adult carer support plan",
    "Young carer statement",
    "Self-directed support",
    "Future care planning",
    "Housing",
    "Good conversations",
    "Recording outcomes",
]

CREDIT_NAME = "name"
CREDIT_ROLE = "role"
CREDIT_ANONYMOUS = "anonymous"
CREDIT_CHOICES = [
    (CREDIT_NAME, "My name"),
    (CREDIT_ROLE, "My role and organisation"),
    (CREDIT_ANONYMOUS, "Anonymous"),
]

AUDIENCE_PUBLIC = "public"
AUDIENCE_MEMBERS = "members"
AUDIENCE_CHOICES = [
    (AUDIENCE_PUBLIC, "Everyone (public)"),
    (AUDIENCE_MEMBERS, "Network members only"),
]
