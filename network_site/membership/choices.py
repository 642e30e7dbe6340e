"""Fixed lists the join form, profiles and the directory filters share (sectors are the shared
Sector snippet in core)."""

_SCOTTISH_COUNCIL_AREAS = [
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


def _slug(name):
    return name.lower().replace(" ", "-")


# The 32 council areas, shared with the other apps that ask where something happened.
SCOTTISH_COUNCIL_AREAS = [(_slug(name), name) for name in _SCOTTISH_COUNCIL_AREAS]
COUNCIL_AREAS = SCOTTISH_COUNCIL_AREAS + [("outside-scotland", "Outside Scotland")]

DIGEST_NONE = "none"
DIGEST_WEEKLY = "weekly"
DIGEST_MONTHLY = "monthly"
DIGEST_FREQUENCIES = [
    (DIGEST_NONE, "No digest"),
    (DIGEST_WEEKLY, "Weekly"),
    (DIGEST_MONTHLY, "Monthly"),
]
