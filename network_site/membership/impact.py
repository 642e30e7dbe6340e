"""The impact report's sections about membership: members by sector and by council area (with a
tile map of Scotland's 32 council areas), and joiners and leavers per quarter. Every count is of
people, so each is shown through `count_about_people`."""

from django.db.models import Count

from network_site.core.charts import BarChart, Series
from network_site.core.impact import Period, Table, count_about_people
from network_site.core.impact_data import bounds, count_by_quarter, quarters
from network_site.core.models import Sector
from network_site.core.roles import MEMBER_PERMISSION, users_with_permission

from .choices import SCOTTISH_COUNCIL_AREAS
from .models import JoinRequest, MemberProfile, MemberStatusChange

# Each council area's tile: a short name (ISO 3166-2:GB) and its column and row on a grid laid out
# roughly as the map is, north at the top.
COUNCIL_TILES = {
    "shetland-islands": ("ZET", 6, 0),
    "orkney-islands": ("ORK", 5, 1),
    "na-h-eileanan-siar": ("ELS", 0, 2),
    "highland": ("HLD", 2, 2),
    "moray": ("MRY", 3, 2),
    "aberdeenshire": ("ABD", 4, 2),
    "aberdeen-city": ("ABE", 5, 2),
    "argyll-and-bute": ("AGB", 1, 3),
    "stirling": ("STG", 2, 3),
    "perth-and-kinross": ("PKN", 3, 3),
    "angus": ("ANS", 4, 3),
    "dundee-city": ("DND", 5, 3),
    "inverclyde": ("IVC", 0, 4),
    "west-dunbartonshire": ("WDU", 1, 4),
    "east-dunbartonshire": ("EDU", 2, 4),
    "clackmannanshire": ("CLK", 3, 4),
    "fife": ("FIF", 4, 4),
    "renfrewshire": ("RFW", 0, 5),
    "glasgow-city": ("GLG", 1, 5),
    "north-lanarkshire": ("NLK", 2, 5),
    "falkirk": ("FAL", 3, 5),
    "west-lothian": ("WLN", 4, 5),
    "city-of-edinburgh": ("EDH", 5, 5),
    "east-lothian": ("ELN", 6, 5),
    "north-ayrshire": ("NAY", 0, 6),
    "east-renfrewshire": ("ERW", 1, 6),
    "south-lanarkshire": ("SLK", 2, 6),
    "midlothian": ("MLN", 5, 6),
    "south-ayrshire": ("SAY", 0, 7),
    "east-ayrshire": ("EAY", 1, 7),
    "scottish-borders": ("SCB", 5, 7),
    "dumfries-and-galloway": ("DGY", 1, 8),
}
TILE_SIZE = 60
TILE_STEP = 64
# Shades by count, lightest first; every shade keeps dark text readable, and the count is written
# on the tile, so the shade only helps.
SHADES = ("#ffffff", "#dbe9f6", "#b3d1ec", "#8cb8e2")
SHADE_FROM = (0, 5, 10, 25)
NOT_GIVEN = "Not given"


def members_at_end_of(period: Period):
    """Members now active whose accounts were made by the period's last day (a leaver's profile
    goes when their account is deleted, so past periods count today's members)."""
    members = users_with_permission(MEMBER_PERMISSION, include_superusers=False)
    return MemberProfile.objects.filter(
        user__in=members.values("pk"), user__date_joined__lt=bounds(period)[1]
    )


def shade_of(count):
    shade = SHADES[0]
    for threshold, colour in zip(SHADE_FROM, SHADES, strict=True):
        if count >= threshold:
            shade = colour
    return shade


def council_tiles(counts):
    tiles = []
    for slug, name in SCOTTISH_COUNCIL_AREAS:
        code, column, row = COUNCIL_TILES[slug]
        shown = count_about_people(counts.get(slug, 0))
        tiles.append(
            {
                "name": name,
                "code": code,
                "x": column * TILE_STEP,
                "y": row * TILE_STEP,
                "shown": shown,
                "short": shown if isinstance(shown, int) else "<5",
                # The shade follows what is shown: under five is drawn as none.
                "shade": shade_of(shown if isinstance(shown, int) else 0),
            }
        )
    return tiles


def members_by_sector_and_area(period: Period):
    members = members_at_end_of(period)
    by_sector = dict(
        members.values("sector")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("sector", "count")
    )
    by_area = dict(
        members.values("council_area")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("council_area", "count")
    )
    sectors = [(sector.name, by_sector.get(sector.pk, 0)) for sector in Sector.objects.all()]
    sectors.append((NOT_GIVEN, by_sector.get(None, 0)))
    sector_rows = [[name, count_about_people(count)] for name, count in sectors]
    area_rows = [
        [name, count_about_people(by_area.get(slug, 0))] for slug, name in SCOTTISH_COUNCIL_AREAS
    ]
    area_rows.append(["Outside Scotland", count_about_people(by_area.get("outside-scotland", 0))])
    area_rows.append([NOT_GIVEN, count_about_people(by_area.get("", 0))])
    return {
        "chart": BarChart(
            "members-by-sector",
            "Members by sector",
            "A bar for each sector with its number of members; under five is shown as"
            " “fewer than 5” with no bar. The table below gives every number.",
            [row[0] for row in sector_rows],
            [Series("Members", [row[1] for row in sector_rows])],
        ),
        "tiles": council_tiles(by_area),
        "tile_size": TILE_SIZE,
        "map_width": 7 * TILE_STEP,
        "map_height": 9 * TILE_STEP,
        "tables": [
            Table("Members by sector", ["Sector", "Members"], sector_rows),
            Table("Members by council area", ["Council area", "Members"], area_rows),
        ],
    }


def joiners_and_leavers(period: Period):
    joined = count_by_quarter(
        JoinRequest.objects.filter(status=JoinRequest.Status.APPROVED), "decided_at", period
    )
    left = count_by_quarter(MemberStatusChange.objects.filter(active=False), "changed_at", period)
    labels = [quarter.label for quarter in quarters(period)]
    joined_shown = [count_about_people(count) for count in joined]
    left_shown = [count_about_people(count) for count in left]
    return {
        "chart": BarChart(
            "joiners-and-leavers",
            "Joiners and leavers per quarter",
            "Two bars for each quarter: solid for members who joined, hatched for members who"
            " left; under five is shown as “fewer than 5” with no bar.",
            labels,
            [Series("Joined", joined_shown), Series("Left", left_shown)],
        ),
        "tables": [
            Table(
                "Joiners and leavers per quarter",
                ["Quarter", "Joined", "Left"],
                [
                    [label, joined_count, left_count]
                    for label, joined_count, left_count in zip(
                        labels, joined_shown, left_shown, strict=True
                    )
                ],
            )
        ],
    }
