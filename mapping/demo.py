"""Demo content for the mapping guide: the guide page, its dimensions and entries from the starter
list (shared/reference/mapping-starter.md), written in the network's own words.

Entries go through the same `save_records` as the CSV importer, which publishes only what changed,
so loading twice adds no revisions.
"""

from network_site.core.demo import upsert_page

from .models import MappingGuidePage
from .records import save_records

DIMENSIONS = [
    "Starts from what matters to the person",
    "Conversation-based assessment",
    "Outcomes recorded",
    "Strengths-based",
    "Statutory duty",
    "Covers carers",
    "Co-production",
    "Relationship-based rather than managerial framing",
]
VALUE_CODES = {"Y": "yes", "P": "partly", "N": "no", "-": "n/a"}
REVIEWED = {"last_reviewed": "2026-11-01", "reviewed_by": "Mapping guide editors"}

# Each entry: its fields, then `values` (one code per dimension, in DIMENSIONS order) and `notes`
# ({dimension index: note}).
ENTRIES = [
    {
        "slug": "talking-points",
        "name": "Talking Points: a personal outcomes approach",
        "kind": "approach",
        "sectors": ["health", "social-care"],
        "scope": "scotland",
        "year": 2012,
        "lead_body": "Joint Improvement Team",
        "statutory_basis": "",
        "summary": "A practical way of organising support around the outcomes a person wants, "
        "found through a good conversation rather than a checklist.",
        "key_features": [
            "Outcomes are agreed with the person and reviewed with them",
            "Conversations replace form-filling as the heart of assessment",
            "Information on outcomes is used to improve services",
        ],
        "alike": "It is the reference point for the network: personal outcomes in their plainest form.",
        "different": "It is guidance and a way of working, not a duty; how far it is taken up varies.",
        "themes": ["Personal outcomes", "Good conversations"],
        "examples": [
            (
                "public",
                "Council and health partnership teams",
                "Assessment and review built around outcome-focused conversations.",
            ),
            (
                "third",
                "Voluntary support providers",
                "Support plans written in the person's own words about what matters.",
            ),
        ],
        "sources": [
            (
                "Cook and Miller, Talking Points: a practical guide (Joint Improvement Team, 2012)",
                "https://www.gov.scot/",
            )
        ],
        "relationships": [],
        "values": "YYYYNYPY",
        "notes": {4: "Guidance only", 5: "Carers' own outcomes are in scope"},
    },
    {
        "slug": "self-directed-support",
        "name": "Self-directed Support",
        "kind": "legislation",
        "sectors": ["social-care"],
        "scope": "scotland",
        "year": 2013,
        "lead_body": "Scottish Government",
        "statutory_basis": "Social Care (Self-directed Support) (Scotland) Act 2013",
        "summary": "The law that gives people choice and control over how their social care "
        "support is arranged, through four options.",
        "key_features": [
            "Four options, from a direct payment to support arranged by the council, or a mix",
            "Statutory principles: participation and dignity, involvement, informed choice, collaboration",
        ],
        "alike": "Choice and control only make sense once the person's outcomes are understood.",
        "different": "It is about who arranges support and how; it says less about the conversation itself.",
        "themes": ["Self-directed support", "Choice and control"],
        "examples": [
            (
                "public",
                "Council social work teams",
                "Offering each of the four options after assessment.",
            ),
            (
                "private",
                "Personal assistant employers",
                "People using a direct payment to employ their own staff.",
            ),
        ],
        "sources": [
            (
                "Social Care (Self-directed Support) (Scotland) Act 2013",
                "https://www.legislation.gov.uk/asp/2013/1",
            )
        ],
        "relationships": [],
        "values": "YPPPYYYP",
        "notes": {4: "Councils must offer the four options", 2: "Depends on local practice"},
    },
    {
        "slug": "carers-scotland-act-2016",
        "name": "Carers (Scotland) Act 2016",
        "kind": "legislation",
        "sectors": ["health", "social-care", "wider-public-services"],
        "scope": "scotland",
        "year": 2016,
        "lead_body": "Scottish Government",
        "statutory_basis": "Carers (Scotland) Act 2016",
        "summary": "Rights for adult and young carers, in force from 1 April 2018, including a plan "
        "or statement that identifies each carer's needs and personal outcomes.",
        "key_features": [
            "Adult carer support plans and young carer statements",
            "Local eligibility criteria for support",
            "A duty to provide information and advice services for carers",
        ],
        "alike": "The carer's own personal outcomes are written into the law.",
        "different": "It is a statutory framework with eligibility thresholds, not a practice model.",
        "themes": ["Carers", "Personal outcomes"],
        "examples": [
            ("third", "Local carers centres", "Completing adult carer support plans with carers."),
            ("public", "Schools and council services", "Offering young carer statements."),
        ],
        "sources": [("Carers (Scotland) Act 2016", "https://www.legislation.gov.uk/asp/2016/9")],
        "relationships": [
            (
                "overlaps_with",
                "self-directed-support",
                "Support for carers can be arranged through the four options.",
            )
        ],
        "values": "YPYPYYPP",
        "notes": {5: "Carers are its subject", 4: "Duties on councils and health boards"},
    },
    {
        "slug": "girfec",
        "name": "Getting it right for every child (GIRFEC)",
        "kind": "policy",
        "sectors": ["health", "social-care", "education", "wider-public-services"],
        "scope": "scotland",
        "year": None,
        "lead_body": "Scottish Government",
        "statutory_basis": "Children and Young People (Scotland) Act 2014",
        "summary": "The national approach to supporting children and young people's wellbeing, "
        "described through eight wellbeing indicators.",
        "key_features": [
            "Eight wellbeing indicators, known as SHANARRI",
            "A shared language across services working with children and families",
        ],
        "alike": "It looks at the whole child and at what would improve their wellbeing.",
        "different": "Its indicators are set nationally rather than defined by each child or family.",
        "themes": ["Children and families", "Wellbeing"],
        "examples": [
            (
                "public",
                "Schools and health visiting",
                "Using the wellbeing indicators in planning for a child.",
            ),
            (
                "third",
                "Family support charities",
                "Working with families on the same wellbeing framework.",
            ),
        ],
        "sources": [
            (
                "Children and Young People (Scotland) Act 2014",
                "https://www.legislation.gov.uk/asp/2014/8",
            )
        ],
        "relationships": [],
        "values": "PPYYPNPP",
        "notes": {2: "Against the wellbeing indicators"},
    },
    {
        "slug": "health-and-social-care-integration",
        "name": "Health and social care integration",
        "kind": "legislation",
        "sectors": ["health", "social-care"],
        "scope": "scotland",
        "year": 2014,
        "lead_body": "Scottish Government",
        "statutory_basis": "Public Bodies (Joint Working) (Scotland) Act 2014",
        "summary": "The joining up of adult health and social care in each area, with national "
        "health and wellbeing outcomes set in regulations in 2014.",
        "key_features": [
            "Integration authorities plan health and social care together",
            "National health and wellbeing outcomes frame what services should achieve",
        ],
        "alike": "Outcomes, not activity, are meant to measure success.",
        "different": "Its outcomes are set for populations, not by individual people.",
        "themes": ["Integration", "Outcomes"],
        "examples": [
            (
                "public",
                "Health and social care partnerships",
                "Reporting each year against the national outcomes.",
            )
        ],
        "sources": [
            (
                "Public Bodies (Joint Working) (Scotland) Act 2014",
                "https://www.legislation.gov.uk/asp/2014/9",
            )
        ],
        "relationships": [],
        "values": "PNYNYYPN",
        "notes": {2: "Population-level outcomes", 7: "Structural reform"},
    },
    {
        "slug": "health-and-social-care-standards",
        "name": "Health and Social Care Standards: My support, my life",
        "kind": "framework",
        "sectors": ["health", "social-care"],
        "scope": "scotland",
        "year": 2017,
        "lead_body": "Scottish Government",
        "statutory_basis": "",
        "summary": "Standards, published in 2017, that say what people should experience from "
        "care, written from the person's point of view.",
        "key_features": [
            "Five principles",
            "Written as statements in the first person",
            "Taken into account in inspections from 1 April 2018",
        ],
        "alike": "They describe good support as the person would describe it.",
        "different": "They set expectations for services rather than a method of working.",
        "themes": ["Standards", "Personal outcomes"],
        "examples": [
            (
                "private",
                "Care home providers",
                "Self-evaluating against the standards before inspection.",
            ),
            ("third", "Supported living services", "Using the statements in team supervision."),
        ],
        "sources": [
            (
                "Health and Social Care Standards",
                "https://www.gov.scot/publications/health-social-care-standards-support-life/",
            )
        ],
        "relationships": [
            ("overlaps_with", "talking-points", "Both start from what the person says matters.")
        ],
        "values": "YPPYNPPY",
        "notes": {4: "Used in inspection, not a duty on practice"},
    },
    {
        "slug": "realistic-medicine",
        "name": "Realistic Medicine",
        "kind": "approach",
        "sectors": ["health"],
        "scope": "scotland",
        "year": 2016,
        "lead_body": "Chief Medical Officer for Scotland",
        "statutory_basis": "",
        "summary": "An approach to clinical care, set out in the Chief Medical Officer's annual "
        "reports from 2016, built on shared decisions between people and clinicians.",
        "key_features": [
            "Shared decision-making",
            "The BRAN questions: benefits, risks, alternatives, and what if I do nothing",
        ],
        "alike": "Care follows from what matters to the person, found in conversation.",
        "different": "It is framed around clinical decisions rather than a person's wider life.",
        "themes": ["Shared decisions", "Health"],
        "examples": [
            ("public", "NHS clinical teams", "Using the BRAN questions in consultations.")
        ],
        "sources": [("Realistic Medicine", "https://www.realisticmedicine.scot/")],
        "relationships": [],
        "values": "YYNPNNPY",
        "notes": {1: "Shared decision-making"},
    },
    {
        "slug": "what-matters-to-you",
        "name": "What matters to you?",
        "kind": "project",
        "sectors": ["health", "social-care"],
        "scope": "international",
        "year": 2016,
        "lead_body": "Healthcare Improvement Scotland (ihub)",
        "statutory_basis": "",
        "summary": "A movement that encourages more meaningful conversations by asking people what "
        "matters to them; it began in Norway in 2014 and was first held in Scotland on 6 June 2016.",
        "key_features": ["A yearly day of action", "One simple question that anyone can ask"],
        "alike": "The question is the starting point of a personal outcomes conversation.",
        "different": "It opens the conversation; it does not in itself record or follow up outcomes.",
        "themes": ["Good conversations", "Personal outcomes"],
        "examples": [
            (
                "public",
                "Hospital wards",
                "Boards by the bed where people write what matters to them.",
            ),
            ("third", "Community groups", "Taking part in the day of action."),
        ],
        "sources": [("What matters to you?", "https://www.whatmatterstoyou.scot/")],
        "relationships": [
            ("overlaps_with", "talking-points", "Both begin with what matters to the person."),
            ("overlaps_with", "realistic-medicine", "Both value conversation before decisions."),
        ],
        "values": "YYNP-PPY",
        "notes": {2: "Not its purpose"},
    },
    {
        "slug": "future-care-planning",
        "name": "Future Care Planning",
        "kind": "approach",
        "sectors": ["health", "social-care"],
        "scope": "scotland",
        "year": 2023,
        "lead_body": "Scottish Government",
        "statutory_basis": "",
        "summary": "Planning ahead with a person for changes in their health and care; once called "
        "anticipatory care planning, renamed in a Chief Medical Officer letter of 20 September 2023.",
        "key_features": [
            "Conversations about the future, recorded and shared with consent",
            "Revisited as the person's situation changes",
        ],
        "alike": "The plan is built from what matters to the person.",
        "different": "It is focused on future health events rather than everyday life now.",
        "themes": ["Planning ahead", "Good conversations"],
        "examples": [
            (
                "public",
                "GP practices and community nursing",
                "Recording future care plans with people and families.",
            )
        ],
        "sources": [("Future Care Planning", "https://www.gov.scot/")],
        "relationships": [
            ("overlaps_with", "realistic-medicine", "Both rest on shared decisions.")
        ],
        "values": "YYYPNYPY",
        "notes": {},
    },
    {
        "slug": "housing-options",
        "name": "Housing Options",
        "kind": "approach",
        "sectors": ["housing"],
        "scope": "scotland",
        "year": 2010,
        "lead_body": "Scottish Government and COSLA",
        "statutory_basis": "",
        "summary": "Guidance for giving person-centred, holistic housing advice that looks at the "
        "whole of someone's situation, supported by five regional hubs set up in 2010.",
        "key_features": [
            "Advice that looks beyond the housing list",
            "Regional hubs for sharing practice between councils",
        ],
        "alike": "It begins with the person's circumstances and goals, not a single service.",
        "different": "It is advice and prevention in housing, with little on recording outcomes.",
        "themes": ["Housing", "Prevention"],
        "examples": [
            (
                "public",
                "Council housing advice teams",
                "Holistic interviews with people at risk of homelessness.",
            ),
            ("third", "Housing advice charities", "Working alongside councils on prevention."),
        ],
        "sources": [("Housing Options guidance", "https://www.gov.scot/")],
        "relationships": [],
        "values": "YYPPNNNP",
        "notes": {4: "Guidance, not a duty"},
    },
    {
        "slug": "gaun-yersel",
        "name": "Supported self-management: Gaun Yersel",
        "kind": "policy",
        "sectors": ["health", "wider-public-services"],
        "scope": "scotland",
        "year": 2008,
        "lead_body": "Long Term Conditions Alliance Scotland (now the Health and Social Care Alliance Scotland)",
        "statutory_basis": "",
        "summary": "A 2008 strategy for self-management of long-term conditions, written by and "
        "with people who live with them.",
        "key_features": [
            "People as experts in their own conditions",
            "Written by the third sector",
        ],
        "alike": "It treats the person as the expert in their own life.",
        "different": "It centres on living with a condition rather than on a care plan.",
        "themes": ["Self-management", "Long-term conditions"],
        "examples": [
            (
                "third",
                "Self-management groups",
                "Peer support led by people with long-term conditions.",
            )
        ],
        "sources": [
            ("Health and Social Care Alliance Scotland", "https://www.alliance-scotland.org.uk/")
        ],
        "relationships": [],
        "values": "YPNYNPYY",
        "notes": {6: "Written with people who live with conditions"},
    },
    {
        "slug": "equal-partners-in-care",
        "name": "Equal Partners in Care (EPiC)",
        "kind": "framework",
        "sectors": ["health", "social-care"],
        "scope": "scotland",
        "year": None,
        "lead_body": "NHS Education for Scotland and the Scottish Social Services Council",
        "statutory_basis": "",
        "summary": "A learning framework for the health and social care workforce on working "
        "with carers, built on six core principles.",
        "key_features": [
            "Six core principles for working with carers",
            "Learning resources for staff",
        ],
        "alike": "It treats carers as partners whose own outcomes matter.",
        "different": "It is workforce learning rather than a way of planning support.",
        "themes": ["Carers", "Workforce learning"],
        "examples": [
            (
                "public",
                "NHS and council learning teams",
                "Including the principles in staff induction.",
            )
        ],
        "sources": [("Scottish Social Services Council", "https://www.sssc.uk.com/")],
        "relationships": [
            (
                "overlaps_with",
                "carers-scotland-act-2016",
                "Both recognise carers as equal partners.",
            )
        ],
        "values": "YYPYNYPY",
        "notes": {5: "Carers are its subject"},
    },
    {
        "slug": "panel-principles",
        "name": "Human rights-based approach: the PANEL principles",
        "kind": "framework",
        "sectors": ["health", "social-care", "housing", "education", "wider-public-services"],
        "scope": "scotland",
        "year": None,
        "lead_body": "Scottish Human Rights Commission",
        "statutory_basis": "",
        "summary": "Five principles for putting human rights into practice: Participation, "
        "Accountability, Non-discrimination, Empowerment and Legality.",
        "key_features": ["Applies across every sector", "Links everyday practice to rights in law"],
        "alike": "Participation and empowerment put the person at the centre.",
        "different": "It speaks of rights and accountability more than of individual outcomes.",
        "themes": ["Human rights"],
        "examples": [
            ("public", "Public bodies", "Checking policies against the five principles."),
            ("third", "Advocacy organisations", "Supporting people to claim their rights."),
        ],
        "sources": [("Scottish Human Rights Commission", "https://www.scottishhumanrights.com/")],
        "relationships": [],
        "values": "PNNPPPYY",
        "notes": {4: "Grounded in rights law"},
    },
    {
        "slug": "national-trauma-transformation-programme",
        "name": "National Trauma Transformation Programme",
        "kind": "project",
        "sectors": ["health", "social-care", "housing", "education", "wider-public-services"],
        "scope": "scotland",
        "year": 2017,
        "lead_body": "NHS Education for Scotland, with the Scottish Government, COSLA and the Improvement Service",
        "statutory_basis": "",
        "summary": "A programme to help the whole workforce respond well to people affected by "
        "trauma, built on a knowledge and skills framework from 2017.",
        "key_features": [
            "A knowledge and skills framework for all staff",
            "Support for organisations to become trauma-informed",
        ],
        "alike": "Safe, trusting relationships come first.",
        "different": "Its focus is how services respond, not a person's outcomes as such.",
        "themes": ["Trauma-informed practice", "Workforce learning"],
        "examples": [
            ("public", "Council and NHS services", "Training staff at the level their role needs.")
        ],
        "sources": [
            ("National Trauma Transformation Programme", "https://www.traumatransformation.scot/")
        ],
        "relationships": [],
        "values": "PPNYNPPY",
        "notes": {},
    },
    {
        "slug": "outcomes-star",
        "name": "Outcomes Star (and Home Star)",
        "kind": "tool",
        "sectors": ["housing", "social-care"],
        "scope": "uk",
        "year": 2006,
        "lead_body": "",
        "statutory_basis": "",
        "summary": "A tool for measuring and supporting change, in which a worker and a person "
        "plot progress together on a star-shaped chart; first edition 2006.",
        "key_features": [
            "Versions for different services, such as Home Star",
            "Scales completed together",
        ],
        "alike": "Progress is discussed and recorded with the person.",
        "different": "It measures against fixed scales, where personal outcomes are defined by the person.",
        "themes": ["Measuring outcomes", "Housing"],
        "examples": [
            (
                "third",
                "Homelessness and tenancy support services",
                "Reviewing progress every few months.",
            ),
            ("private", "Independent support providers", "Reporting change to commissioners."),
        ],
        "sources": [("Outcomes Star", "https://www.outcomesstar.org.uk/")],
        "relationships": [
            (
                "overlaps_with",
                "talking-points",
                "Both record outcomes; they differ on who defines them.",
            )
        ],
        "values": "PYYYNPYP",
        "notes": {0: "Fixed scales", 2: "Measured on scales"},
    },
    {
        "slug": "three-conversations",
        "name": "Three Conversations",
        "kind": "approach",
        "sectors": ["social-care"],
        "scope": "uk",
        "year": None,
        "lead_body": "Partners4Change",
        "statutory_basis": "",
        "summary": "A model for adult social care in England, used by more than 25 councils, that "
        "replaces assessment queues with three kinds of conversation.",
        "key_features": [
            "Listen and connect; work intensively in a crisis; build a good life",
            "Teams test the model in innovation sites",
        ],
        "alike": "Conversations and strengths come before services.",
        "different": "It is an English comparator, tied to how teams are organised.",
        "themes": ["Good conversations", "Strengths-based practice"],
        "examples": [
            ("public", "English council social care teams", "Innovation sites trying the model.")
        ],
        "sources": [("Partners4Change", "https://www.partners4change.co.uk/")],
        "relationships": [("overlaps_with", "talking-points", "Both put the conversation first.")],
        "values": "YYPYNPPY",
        "notes": {},
    },
    {
        "slug": "care-opinion",
        "name": "Care Opinion",
        "kind": "tool",
        "sectors": ["health", "social-care"],
        "scope": "uk",
        "year": None,
        "lead_body": "Care Opinion (a community interest company)",
        "statutory_basis": "",
        "summary": "A place online where people tell their stories about health and care services, "
        "moderated and answered in public by the services.",
        "key_features": ["Stories are moderated before they appear", "Services reply in public"],
        "alike": "People's own words about their experience lead.",
        "different": "It gathers feedback on services rather than planning support.",
        "themes": ["Feedback", "Stories"],
        "examples": [
            ("third", "Care Opinion itself", "Run as a not-for-profit community interest company."),
            ("public", "NHS boards", "Replying to stories and reporting changes made."),
        ],
        "sources": [("Care Opinion", "https://www.careopinion.org.uk/")],
        "relationships": [],
        "values": "Y-NNNYPY",
        "notes": {},
    },
    {
        "slug": "must-do-with-me",
        "name": "Must Do With Me",
        "kind": "framework",
        "sectors": ["health"],
        "scope": "scotland",
        "year": None,
        "lead_body": "NHS Scotland",
        "statutory_basis": "",
        "summary": "Five principles of person-centred care for NHS Scotland, among them “What "
        "matters to you?” and “Nothing about me without me”.",
        "key_features": ["Five principles", "Used in everyday health care"],
        "alike": "It starts by asking what matters to the person.",
        "different": "It is a set of principles for health care, not a planning method.",
        "themes": ["Person-centred care", "Health"],
        "examples": [
            ("public", "NHS wards and teams", "Reflecting on the five principles in practice.")
        ],
        "sources": [("NHS Scotland", "https://www.scot.nhs.uk/")],
        "relationships": [
            (
                "builds_on",
                "what-matters-to-you",
                "It includes the question as one of its principles.",
            )
        ],
        "values": "YYNPNPPY",
        "notes": {},
    },
]


def entry_records():
    """The demo entries as records for `save_records`."""
    records = []
    for entry in ENTRIES:
        record = {
            key: value
            for key, value in entry.items()
            if key not in ("values", "notes", "examples", "sources", "relationships")
        }
        record["themes"] = sorted(entry["themes"])
        record["examples"] = [
            {"sector": sector, "title": title, "description": description}
            for sector, title, description in entry["examples"]
        ]
        record["sources"] = [{"title": title, "url": url} for title, url in entry["sources"]]
        record["relationships"] = [
            {"kind": kind, "target": target, "note": note}
            for kind, target, note in entry["relationships"]
        ]
        record["dimensions"] = [
            {"dimension": name, "value": VALUE_CODES[code], "note": entry["notes"].get(index, "")}
            for index, (name, code) in enumerate(zip(DIMENSIONS, entry["values"], strict=True))
        ]
        record.update(REVIEWED)
        records.append(record)
    return records


def load(context):
    guide = upsert_page(
        context["home"],
        MappingGuidePage,
        "mapping-guide",
        title="Mapping guide",
        show_in_menus=True,
        introduction=(
            "Approaches, policies and projects around personal outcomes and person-centred "
            "working in Scotland and beyond: how they are alike, how they differ, and where "
            "they are used. Tick two to four entries to compare them side by side."
        ),
    )
    outcome = save_records(guide, entry_records(), DIMENSIONS)
    changed = sum(1 for result in outcome.values() if result != "unchanged")
    context["stdout"].write(f"Mapping guide: {len(outcome)} entries ({changed} changed)")
