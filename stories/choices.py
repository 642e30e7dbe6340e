"""The fixed vocabularies a story is described with."""

from network_site.membership.choices import SCOTTISH_COUNCIL_AREAS

PERSPECTIVES = [
    ("practitioner", "Practitioner"),
    ("manager", "Manager"),
    ("person-using-support", "Person using support"),
    ("unpaid-carer", "Unpaid carer"),
    ("young-carer", "Young carer"),
    ("commissioner", "Commissioner"),
    ("other", "Other"),
]

COUNCIL_AREAS = SCOTTISH_COUNCIL_AREAS

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
