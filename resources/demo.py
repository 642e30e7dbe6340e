"""Demo content: the resource library, the booklet and the Carers Act guide, in the network's own words.

Facts come from ../shared/reference/; the prose is ours. Loading twice gives the same tree.
"""

import datetime

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Site

from network_site.core.demo import rich_text, stream, upsert_page
from network_site.core.models import NetworkSettings

from .models import (
    Audience,
    BookletChapterPage,
    BookletPage,
    CarersActGuidePage,
    CarersActSectionPage,
    ResourceIndexPage,
    ResourcePage,
    ResourceType,
    Sector,
    SelfCheckPage,
)


def choose_the_booklet(booklet):
    """The welcome email links the booklet chosen in the site's settings."""
    network_settings = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    if network_settings.booklet_page_id != booklet.pk:
        network_settings.booklet_page = booklet
        network_settings.save()


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraphs(*texts):
    return ("paragraph", rich_text(*texts))


def reflection(*prompts, title="Reflect on your practice"):
    return (
        "reflection_prompts",
        {
            "heading": title,
            "prompts": [
                {"question": question, "guidance": rich_text(guidance)}
                for question, guidance in prompts
            ],
        },
    )


def load(context):
    home = context["home"]
    library = load_library(home)
    booklet = load_booklet(home)
    choose_the_booklet(booklet)
    guide = load_carers_act_guide(home)
    load_booklet_resource(library, booklet)
    context["resource_library"] = library
    context["booklet"] = booklet
    context["carers_act_guide"] = guide
    context["stdout"].write(
        f"Resources: the library ({ResourcePage.objects.child_of(library).count()} resources), "
        "the booklet and the Carers Act guide"
    )


# --- The booklet ----------------------------------------------------------------------------

BOOKLET_CHAPTERS = [
    (
        "what-personal-outcomes-are",
        "What personal outcomes are",
        "Outcomes are about the difference support makes to a life, not the service delivered.",
        [
            paragraphs(
                "A personal outcome is what matters to someone: the things they want to achieve, "
                "keep or change in their own life. It might be getting back to the allotment after "
                "a stroke, staying in a flat near friends, or a carer having one evening a week that "
                "is their own.",
                "Outcomes are not services. A weekly visit, a day centre place or a piece of "
                "equipment are ways of getting somewhere; the outcome is the place the person wants "
                "to get to. Keeping the two apart keeps the conversation open to other routes, "
                "including the person's own strengths and the people around them.",
            ),
            heading("Outcomes that maintain, change or improve"),
            paragraphs(
                "Some outcomes are about keeping what is working: staying connected to a community, "
                "feeling safe at home. Some are about change: learning to manage a condition, moving "
                "on after a crisis. Others are about the way support is given: being listened to, "
                "being treated with respect, having a say in decisions.",
                "All three kinds count. Recognising them helps practitioners notice what a person "
                "values even when nothing dramatic needs to change.",
            ),
            heading("Why the approach matters"),
            paragraphs(
                "Planning around outcomes moves the focus from what is wrong with a person to what a "
                "good life looks like for them. It treats the person, and their carers, as equal "
                "partners, and it gives services better information about whether their work is "
                "making a difference.",
            ),
            reflection(
                (
                    "Think of the last plan you wrote. Which parts describe outcomes, and which "
                    "describe services?",
                    "Look for verbs: 'to attend', 'to receive' usually signal a service; 'to feel', "
                    "'to be able to', 'to keep' often signal an outcome.",
                ),
            ),
        ],
    ),
    (
        "values-and-principles",
        "Values and principles",
        "The approach rests on a few values that shape every conversation.",
        [
            paragraphs(
                "A personal outcomes approach is less a technique than a way of working. The values "
                "behind it are shared with self-directed support and with good practice with carers: "
                "collaboration, inclusion, informed choice and a steady focus on outcomes.",
            ),
            heading("Collaboration"),
            paragraphs(
                "The person, their family and carers, and the practitioner each bring knowledge that "
                "the others do not have. Good planning treats that knowledge as equal and builds the "
                "plan together rather than handing it over.",
            ),
            heading("Inclusion"),
            paragraphs(
                "Everyone can take part in a conversation about what matters to them, though some "
                "people need more time, different communication or an advocate. Making room for that "
                "is part of the work, not an extra.",
            ),
            heading("Informed choice"),
            paragraphs(
                "People can only choose well when they know what the options are, including what is "
                "available in their community and what they can do themselves. Sharing information "
                "openly, and being honest about limits, keeps choice real.",
            ),
            heading("A focus on outcomes"),
            paragraphs(
                "The question returned to throughout is: what difference is this making? Keeping that "
                "question in view guards against plans drifting back to a list of services.",
            ),
        ],
    ),
    (
        "key-elements-of-the-approach",
        "Key elements of the approach",
        "Three things need to be in place: engagement, recording and use of the information.",
        [
            paragraphs(
                "Experience across Scotland suggests that a personal outcomes approach holds up when "
                "three elements work together. Any one on its own tends to fade.",
            ),
            heading("Engaging with people"),
            paragraphs(
                "The heart of the approach is the conversation with the person and the people who "
                "matter to them. It needs time, skill and a setting where people feel able to say "
                "what they really think.",
            ),
            heading("Recording what matters"),
            paragraphs(
                "What the person said should be written down in a way they would recognise, in their "
                "words where possible. A record that only ticks boxes loses the detail that makes a "
                "plan personal.",
            ),
            heading("Using the information"),
            paragraphs(
                "Outcomes recorded for individuals can be gathered up to show what is working for "
                "people, where gaps are, and what a team or service should change. That closes the "
                "loop between practice and planning.",
            ),
            heading("What organisations can do", "h3"),
            paragraphs(
                "Organisations support the approach by giving staff time for conversations, "
                "simplifying paperwork, and valuing stories and qualitative evidence alongside "
                "numbers.",
            ),
        ],
    ),
    (
        "the-conversations-that-make-it-work",
        "The conversations that make it work",
        "A good conversation is the most important tool the approach has.",
        [
            paragraphs(
                "Conversations about outcomes are different from assessments built around a form. "
                "They follow the person's lead, leave space for silence, and come back to what "
                "matters when the talk drifts to services and eligibility.",
            ),
            heading("Before the conversation"),
            paragraphs(
                "Let the person know what the conversation is for and who can be there. Ask how "
                "they prefer to talk and whether they want someone with them.",
            ),
            heading("During the conversation"),
            paragraphs(
                "Open questions help: what is a good day like for you? What would you like to be "
                "different? What has helped before? Listen for strengths and resources as well as "
                "problems, and check back that you have understood.",
            ),
            heading("Conversations with carers"),
            paragraphs(
                "Carers have outcomes of their own, which are not the same as those of the person "
                "they care for. A separate conversation, at a time that suits them, often brings out "
                "what a joint one would not.",
            ),
            reflection(
                (
                    "When did a conversation last surprise you?",
                    "Surprises are often a sign that the person felt able to say what mattered. "
                    "What made that possible?",
                ),
                (
                    "Which of your usual questions close a conversation down?",
                    "Questions that can be answered yes or no, or that name a service, tend to.",
                ),
            ),
        ],
    ),
    (
        "recording-and-using-outcomes",
        "Recording and using outcomes",
        "Good records carry the person's voice from the conversation into decisions.",
        [
            paragraphs(
                "A record of outcomes should tell the reader who the person is and what they want, "
                "as well as what is being arranged. Anyone picking it up later should understand "
                "why each piece of support is there.",
            ),
            heading("Writing outcomes down"),
            paragraphs(
                "Use the person's own words where you can. Note what they will do, what others "
                "around them will do, and what services will add. Record how you will all know "
                "whether it is working.",
            ),
            heading("Reviewing outcomes"),
            paragraphs(
                "A review asks whether things have changed for the person, not only whether the "
                "service was delivered. Sometimes the outcome itself has changed, and the plan "
                "needs to change with it.",
            ),
            heading("Using outcomes to improve services"),
            paragraphs(
                "Brought together, outcome records show patterns: needs that no service meets, "
                "support that works particularly well, places where people wait too long. Sharing "
                "that learning with managers and commissioners is how individual conversations "
                "shape wider decisions.",
            ),
        ],
    ),
    (
        "further-resources",
        "Further resources",
        "Where to go next to learn more and to connect with others.",
        [
            paragraphs(
                "The network's resource library gathers guides, toolkits and evidence on personal "
                "outcomes and related approaches. Among them are the Personal Outcomes Collaboration "
                "website, which is the main home of practical material on the approach, Equal "
                "Partners in Care (EPiC) for learning about working with carers, and the Coalition "
                "of Carers in Scotland.",
                "The network's guide to the Carers (Scotland) Act 2016 explains how the approach "
                "supports adult carer support plans and young carer statements.",
            ),
            heading("Joining the network"),
            paragraphs(
                "The Personal Outcomes Network is open to anyone working on these approaches in "
                "health, social care, housing and beyond. Members meet every quarter to share "
                "stories, learning and evidence.",
            ),
        ],
    ),
]


def load_booklet(home):
    booklet = upsert_page(
        home,
        BookletPage,
        "understanding-personal-outcomes",
        title="Understanding personal outcomes",
        show_in_menus=True,
        introduction=(
            "An introduction to personal outcomes: what they are, the values behind them, and how "
            "conversations and good records bring them into everyday practice."
        ),
        body=stream(
            paragraphs(
                "This booklet is for anyone who works with people who use support and their carers, "
                "in any sector. Read it from start to finish or go straight to the chapter you need."
            )
        ),
        publisher="Personal Outcomes Network",
        year=2026,
    )
    for slug, title, introduction, body in BOOKLET_CHAPTERS:
        upsert_page(
            booklet,
            BookletChapterPage,
            slug,
            title=title,
            introduction=introduction,
            body=stream(*body),
        )
    return booklet


# --- The Carers Act guide -------------------------------------------------------------------

GUIDE_SECTIONS = [
    (
        "who-is-a-carer",
        "Who is a carer",
        "Many carers do not think of themselves as carers. Recognising them is the first step.",
        [
            paragraphs(
                "A carer is someone who gives help and support to a relative, friend or neighbour "
                "who needs it because of illness, a condition or disability. The carer may be a "
                "parent, a partner, a son or daughter, a brother or sister, or a friend.",
                "Paid care workers and volunteers doing organised work are not carers in the sense "
                "of the Act.",
            ),
            heading("Young carers"),
            paragraphs(
                "A young carer is a carer under 18, or one who is 18 and still at school. Young "
                "carers can take on a great deal without anyone noticing, so schools, health "
                "workers and youth services all have a part in spotting them.",
            ),
            heading("Why identification matters"),
            paragraphs(
                "People often see what they do simply as part of a relationship. Naming the caring "
                "role, gently, can open the door to information and support the person did not know "
                "they could ask for.",
            ),
            reflection(
                (
                    "How often do you ask the people you support who helps them at home?",
                    "A routine, open question about who is around often reveals a carer who has "
                    "never been offered anything for themselves.",
                ),
            ),
        ],
    ),
    (
        "adult-carer-support-plans-and-young-carer-statements",
        "Adult carer support plans and young carer statements",
        "Every carer who wants one is entitled to a plan or statement of their own.",
        [
            paragraphs(
                "The Act places duties on responsible local authorities, and for young carers on "
                "other responsible authorities such as health boards and education authorities, to "
                "prepare an adult carer support plan or a young carer statement. Its purpose is to "
                "identify the carer's needs for support and their personal outcomes.",
            ),
            heading("What a plan or statement covers"),
            paragraphs(
                "It looks at the carer's situation as a whole: the nature and extent of the caring, "
                "how caring affects their wellbeing and day-to-day life, whether they are able and "
                "willing to keep caring, and what would help. Emergency and future planning belong "
                "here too.",
            ),
            heading("Connections with other planning"),
            paragraphs(
                "Carer support planning links naturally with self-directed support, which lets the "
                "carer choose how support is arranged, and with future care planning for the person "
                "they care for.",
            ),
            reflection(
                (
                    "Would the carers you work with recognise their own words in their plan?",
                    "If a plan reads like a form, consider what was lost between the conversation "
                    "and the record.",
                ),
            ),
        ],
    ),
    (
        "finding-personal-outcomes-through-good-conversations",
        "Finding personal outcomes through good conversations",
        "A plan is only as good as the conversation behind it.",
        [
            paragraphs(
                "The Act asks practitioners to identify each carer's personal outcomes. That is "
                "done through a conversation about what matters to the carer: their own health, "
                "their work or learning, time for themselves, and the relationship with the person "
                "they care for.",
            ),
            heading("Starting the conversation"),
            paragraphs(
                "Give the carer time and a place where they can speak freely, away from the person "
                "they care for if they wish. Ask what a good week looks like and what would make "
                "caring more manageable.",
            ),
            heading("Listening for strengths"),
            paragraphs(
                "Carers bring skills, knowledge and networks. Noticing them helps build a plan that "
                "uses what is already working, alongside any services.",
            ),
            reflection(
                (
                    "What do you do when a carer says they are fine?",
                    "Many carers say so out of habit. Try asking about something specific, such as "
                    "sleep or the last time they saw friends.",
                ),
                (
                    "How do you make room for a young carer's own hopes?",
                    "School, friendships and having fun are outcomes too. Ask about them directly.",
                ),
            ),
        ],
    ),
    (
        "local-eligibility-criteria-and-preventative-support",
        "Local eligibility criteria and preventative support",
        "Support follows the carer's identified needs, with help available before a crisis.",
        [
            paragraphs(
                "Each local authority sets local eligibility criteria. Where a carer's identified "
                "needs meet them, the authority has a duty to provide support to meet those needs.",
            ),
            heading("When needs are not eligible"),
            paragraphs(
                "A carer whose needs do not meet the criteria at that time should still be able to "
                "use preventative support, including the information and advice services the local "
                "authority must provide. Early help can stop a situation from reaching crisis.",
            ),
            heading("Strengths and community support"),
            paragraphs(
                "Authorities should also think about the carer's own strengths and whether support "
                "in the community could meet their needs, such as carers' centres, peer groups or "
                "local activities.",
            ),
        ],
    ),
    (
        "information-and-advice-services",
        "Information and advice services",
        "Every local authority must run an information and advice service for carers.",
        [
            paragraphs(
                "The Act requires each local authority to establish and maintain an information and "
                "advice service for carers. It is open to every carer, whatever their eligibility "
                "for other support.",
            ),
            heading("What the service covers"),
            paragraphs(
                "Carers should be able to find out about their rights, income and benefits, "
                "emergency and future care planning, advocacy, health and wellbeing, bereavement "
                "support and the local eligibility criteria.",
            ),
            heading("Your part as a practitioner"),
            paragraphs(
                "Knowing what your local service offers, and telling carers about it early, is one "
                "of the simplest ways to make the Act work for them.",
            ),
        ],
    ),
]

SELF_CHECK_QUESTIONS = [
    {
        "question": "When did the Carers (Scotland) Act 2016 come into force?",
        "options": [
            {"text": "1 April 2016", "is_correct": False},
            {"text": "1 April 2018", "is_correct": True},
            {"text": "1 January 2020", "is_correct": False},
        ],
        "explanation": rich_text(
            "The Act was passed in 2016 and came into effect on 1 April 2018, which gave local "
            "authorities and health boards time to prepare."
        ),
    },
    {
        "question": "What is the young carer statement for?",
        "options": [
            {"text": "To decide whether the young person may keep caring", "is_correct": False},
            {
                "text": "To identify the young carer's needs for support and personal outcomes",
                "is_correct": True,
            },
            {"text": "To record the needs of the person being cared for", "is_correct": False},
        ],
        "explanation": rich_text(
            "Like the adult carer support plan, the statement is about the carer: their needs for "
            "support and what matters to them. The cared-for person has their own assessment."
        ),
    },
    {
        "question": "A carer's needs do not meet the local eligibility criteria. What can they still use?",
        "options": [
            {"text": "Nothing until their situation gets worse", "is_correct": False},
            {
                "text": "Preventative support, including information and advice services",
                "is_correct": True,
            },
            {"text": "Only support they pay for themselves", "is_correct": False},
        ],
        "explanation": rich_text(
            "The Act expects preventative support to be available whatever the carer's "
            "eligibility, including the information and advice service every local authority must "
            "provide."
        ),
    },
    {
        "question": "About how many carers are there in Scotland, according to estimates?",
        "options": [
            {"text": "About 78,000", "is_correct": False},
            {"text": "About 788,000, including 44,000 under 18", "is_correct": True},
            {"text": "About 2 million", "is_correct": False},
        ],
        "explanation": rich_text(
            "An estimated 788,000 people in Scotland care for a relative, friend or neighbour, and "
            "around 44,000 of them are under 18. Many do not describe themselves as carers."
        ),
    },
]


def load_carers_act_guide(home):
    guide = upsert_page(
        home,
        CarersActGuidePage,
        "carers-act-guide",
        title="The Carers (Scotland) Act 2016: a guide for practitioners",
        show_in_menus=True,
        introduction=(
            "What the Act means for your work with carers, and how a personal outcomes approach "
            "helps you meet it."
        ),
        body=stream(
            paragraphs(
                "The Carers (Scotland) Act 2016 sets out to support carers' health and wellbeing "
                "and to make caring more sustainable. It gives every carer the right to a plan or "
                "statement that identifies their needs and personal outcomes.",
                "Not every practitioner writes carer support plans, but most meet carers every week. "
                "This guide is for all of them.",
            ),
            (
                "key_figures",
                {
                    "heading": "Key figures",
                    "figures": [
                        {
                            "figure": "788,000",
                            "description": "people in Scotland estimated to care for a relative, "
                            "friend or neighbour",
                        },
                        {"figure": "44,000", "description": "of those carers are under 18"},
                        {
                            "figure": "1 April 2018",
                            "description": "the date the Act came into force",
                        },
                    ],
                    "source": "Scottish Government estimates",
                },
            ),
        ),
    )
    for slug, title, introduction, body in GUIDE_SECTIONS:
        upsert_page(
            guide,
            CarersActSectionPage,
            slug,
            title=title,
            introduction=introduction,
            body=stream(*body),
        )
    upsert_page(
        guide,
        SelfCheckPage,
        "self-check",
        title="Check your understanding",
        introduction="Four short questions. Choose an answer to each, then check them.",
        questions=stream(*(("question", question) for question in SELF_CHECK_QUESTIONS)),
    )
    return guide


# --- The resource library -------------------------------------------------------------------

CONVERSATION_TEMPLATE_TEXT = """What matters to you: a conversation record

Name:
Date:
Who else took part:

What is a good day like for you?

What would you like to be different?

What are you doing already that helps?

Who else helps, and how?

What will we each do next?

How will we know it is working?
"""

RESOURCES = [
    {
        "slug": "equal-partners-in-care",
        "title": "Equal Partners in Care (EPiC)",
        "summary": "Learning resources for the health and social care workforce on working with "
        "carers and young carers as equal partners, built around six core principles.",
        "resource_type": ResourceType.WEBSITE,
        "external_url": "https://www.equalpartnersincare.scot/",
        "publisher": "NHS Education for Scotland and the Scottish Social Services Council",
        "audiences": ["practitioners", "managers", "educators"],
        "sectors": ["health", "social-care"],
        "topics": ["Carers", "Workforce learning"],
    },
    {
        "slug": "coalition-of-carers-in-scotland",
        "title": "Coalition of Carers in Scotland",
        "summary": "A national network of carer organisations: resources, news and a collective "
        "voice for carers, including on carer support planning.",
        "resource_type": ResourceType.WEBSITE,
        "external_url": "https://www.carersnet.org/",
        "publisher": "Coalition of Carers in Scotland",
        "audiences": ["unpaid-carers", "practitioners"],
        "sectors": ["third-sector"],
        "topics": ["Carers", "Carers Act"],
    },
    {
        "slug": "personal-outcomes-collaboration",
        "title": "Personal Outcomes Collaboration website",
        "summary": "The main website for the network: evidence-based, practical resources on "
        "personal outcomes approaches across sectors.",
        "resource_type": ResourceType.WEBSITE,
        "external_url": "https://personaloutcomescollaboration.org/",
        "publisher": "Personal Outcomes Collaboration",
        "audiences": ["practitioners", "managers", "educators"],
        "sectors": ["health", "social-care", "housing"],
        "topics": ["Personal outcomes", "Evidence"],
    },
    {
        "slug": "talking-points",
        "title": "Talking Points: a personal outcomes approach",
        "summary": "A practical guide to putting outcomes-focused conversations at the heart of "
        "planning and review.",
        "resource_type": ResourceType.GUIDE,
        "external_url": "https://personaloutcomescollaboration.org/talking-points/",
        "publisher": "Joint Improvement Team",
        "year": 2012,
        "audiences": ["practitioners", "managers"],
        "sectors": ["health", "social-care"],
        "topics": ["Personal outcomes", "Conversations"],
    },
    {
        "slug": "self-directed-support-four-options",
        "title": "Self-directed support: the four options",
        "summary": "How the Social Care (Self-directed Support) (Scotland) Act 2013 lets people "
        "choose how their support is arranged, and the principles behind it.",
        "resource_type": ResourceType.GUIDE,
        "external_url": "https://www.gov.scot/policies/social-care/self-directed-support/",
        "publisher": "Scottish Government",
        "year": 2013,
        "audiences": ["practitioners", "people-using-support", "unpaid-carers"],
        "sectors": ["social-care"],
        "topics": ["Self-directed support", "Informed choice"],
    },
    {
        "slug": "health-and-social-care-standards",
        "title": "Health and Social Care Standards: My support, my life",
        "summary": "Five principles that describe what people should experience from health and "
        "social care, taken into account in inspections since April 2018.",
        "resource_type": ResourceType.GUIDE,
        "external_url": "https://www.gov.scot/publications/health-social-care-standards-support-life/",
        "publisher": "Scottish Government",
        "year": 2017,
        "audiences": ["practitioners", "managers", "people-using-support"],
        "sectors": ["health", "social-care"],
        "topics": ["Standards", "Human rights"],
    },
    {
        "slug": "realistic-medicine",
        "title": "Realistic Medicine",
        "summary": "The Chief Medical Officer's reports on shared decision-making, including the "
        "questions about benefits, risks, alternatives and doing nothing.",
        "resource_type": ResourceType.RESEARCH,
        "external_url": "https://www.realisticmedicine.scot/",
        "publisher": "Chief Medical Officer for Scotland",
        "year": 2016,
        "audiences": ["practitioners", "managers"],
        "sectors": ["health"],
        "topics": ["Shared decision-making", "Conversations"],
    },
    {
        "slug": "what-matters-to-you",
        "title": "What matters to you?",
        "summary": "A yearly day, and an everyday habit, encouraging meaningful conversations "
        "between people who give and receive care. Held in Scotland since 2016.",
        "resource_type": ResourceType.WEBSITE,
        "external_url": "https://www.whatmatterstoyou.scot/",
        "publisher": "Healthcare Improvement Scotland (ihub)",
        "year": 2016,
        "audiences": ["practitioners", "people-using-support", "unpaid-carers"],
        "sectors": ["health", "social-care"],
        "topics": ["Conversations", "Personal outcomes"],
    },
    {
        "slug": "future-care-planning",
        "title": "Future Care Planning",
        "summary": "Planning ahead with people about their care and support; the new name, since "
        "2023, for what was called anticipatory care planning.",
        "resource_type": ResourceType.GUIDE,
        "external_url": "https://www.ihub.scot/",
        "publisher": "Healthcare Improvement Scotland",
        "year": 2023,
        "audiences": ["practitioners", "unpaid-carers", "people-using-support"],
        "sectors": ["health", "social-care"],
        "topics": ["Planning ahead", "Carers"],
    },
    {
        "slug": "housing-options-guidance",
        "title": "Housing Options guidance",
        "summary": "Person-centred, holistic housing advice that looks at the person's whole "
        "situation, with regional hubs sharing practice since 2010.",
        "resource_type": ResourceType.GUIDE,
        "external_url": "https://www.gov.scot/publications/housing-options-guidance/",
        "publisher": "Scottish Government and COSLA",
        "audiences": ["practitioners", "managers"],
        "sectors": ["housing"],
        "topics": ["Housing", "Personal outcomes"],
    },
    {
        "slug": "gaun-yersel",
        "title": "Gaun Yersel: the self-management strategy",
        "summary": "Scotland's strategy for supported self-management of long-term conditions, "
        "written by people living with them.",
        "resource_type": ResourceType.RESEARCH,
        "external_url": "https://www.alliance-scotland.org.uk/",
        "publisher": "Long Term Conditions Alliance Scotland",
        "year": 2008,
        "audiences": ["people-using-support", "practitioners"],
        "sectors": ["third-sector", "health"],
        "topics": ["Self-management"],
    },
    {
        "slug": "panel-principles",
        "title": "A human rights-based approach: the PANEL principles",
        "summary": "Participation, accountability, non-discrimination, empowerment and legality: "
        "a toolkit for checking practice against human rights.",
        "resource_type": ResourceType.TOOLKIT,
        "external_url": "https://www.scottishhumanrights.com/",
        "publisher": "Scottish Human Rights Commission",
        "audiences": ["practitioners", "managers", "educators"],
        "sectors": ["wider-public-services", "health", "social-care", "housing"],
        "topics": ["Human rights"],
    },
    {
        "slug": "outcomes-star",
        "title": "Outcomes Star",
        "summary": "A family of tools for measuring and supporting change with people, including "
        "the Home Star for housing support.",
        "resource_type": ResourceType.TOOLKIT,
        "external_url": "https://www.outcomesstar.org.uk/",
        "publisher": "Triangle",
        "year": 2006,
        "audiences": ["practitioners", "people-using-support"],
        "sectors": ["housing", "third-sector"],
        "topics": ["Measuring outcomes", "Housing"],
    },
    {
        "slug": "sssc-personal-outcomes-review",
        "title": "Personal outcomes, person-centred working and personalisation",
        "summary": "A review comparing eight approaches, from shared decision-making to recovery in "
        "mental health, and what they have in common.",
        "resource_type": ResourceType.RESEARCH,
        "external_url": "https://www.sssc.uk.com/",
        "publisher": "Scottish Social Services Council",
        "year": 2018,
        "audiences": ["managers", "educators", "practitioners"],
        "sectors": ["social-care", "health"],
        "topics": ["Evidence", "Personal outcomes"],
    },
    {
        "slug": "girfec-wellbeing-indicators",
        "title": "Getting it right for every child: the wellbeing indicators",
        "summary": "The eight wellbeing indicators used across children's services to talk about "
        "what a child or young person needs.",
        "resource_type": ResourceType.GUIDE,
        "external_url": "https://www.gov.scot/policies/girfec/",
        "publisher": "Scottish Government",
        "year": 2014,
        "audiences": ["practitioners", "young-carers", "educators"],
        "sectors": ["education", "health", "social-care"],
        "topics": ["Children and young people", "Young carers"],
    },
    {
        "slug": "care-opinion",
        "title": "Care Opinion",
        "summary": "A moderated place for people to tell the story of their care and for services "
        "to answer in public.",
        "resource_type": ResourceType.WEBSITE,
        "external_url": "https://www.careopinion.org.uk/",
        "publisher": "Care Opinion",
        "audiences": ["people-using-support", "unpaid-carers", "managers"],
        "sectors": ["third-sector", "health"],
        "topics": ["Feedback", "Stories"],
    },
    {
        "slug": "trauma-knowledge-and-skills-framework",
        "title": "Transforming psychological trauma: a knowledge and skills framework",
        "summary": "What every worker needs to know to respond well to people affected by trauma, "
        "from trauma-informed to specialist practice.",
        "resource_type": ResourceType.TOOLKIT,
        "external_url": "https://www.nes.scot.nhs.uk/",
        "publisher": "NHS Education for Scotland",
        "year": 2017,
        "audiences": ["practitioners", "educators", "managers"],
        "sectors": ["wider-public-services", "health", "social-care"],
        "topics": ["Trauma-informed practice", "Workforce learning"],
    },
    {
        "slug": "conversation-record-template",
        "title": "What matters to you: a conversation record",
        "summary": "A one-page template for writing down a conversation about outcomes in the "
        "person's own words.",
        "resource_type": ResourceType.TEMPLATE,
        "document": "conversation-record",
        "publisher": "Personal Outcomes Network",
        "year": 2026,
        "audiences": ["practitioners", "unpaid-carers"],
        "sectors": ["health", "social-care", "housing"],
        "topics": ["Conversations", "Recording outcomes"],
    },
]

DEMO_REVIEW_DATE = datetime.date(2026, 9, 1)


def conversation_record_document():
    title = "What matters to you: a conversation record"
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(
            "conversation-record.txt", ContentFile(CONVERSATION_TEMPLATE_TEXT.encode()), save=False
        )
        document.save()
    return document


def load_booklet_resource(library, booklet):
    """The booklet in the library, as a resource of the booklet type, under its own title."""
    resource = upsert_page(
        library,
        ResourcePage,
        "understanding-personal-outcomes-booklet",
        title=booklet.title,
        summary="The network's own booklet: what personal outcomes are, the values behind them, "
        "and how good conversations and records bring them into everyday work. Read it online, "
        "print it or download it as a PDF.",
        resource_type=ResourceType.BOOKLET,
        site_page_id=booklet.pk,
        publisher=booklet.publisher,
        year=booklet.year,
        last_reviewed=DEMO_REVIEW_DATE,
    )
    if sorted(resource.topics.names()) != ["Conversations", "Personal outcomes"]:
        resource.topics.set(["Conversations", "Personal outcomes"])
        resource.save_revision().publish()
    return resource


def load_library(home):
    library = upsert_page(
        home,
        ResourceIndexPage,
        "resources",
        title="Resource library",
        show_in_menus=True,
        introduction=(
            "Guides, toolkits, evidence and websites on personal outcomes and related approaches, "
            "chosen by network members. Search, or filter by type, audience, topic and sector."
        ),
    )
    audiences = {audience.slug: audience for audience in Audience.objects.all()}
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    for entry in RESOURCES:
        fields = {
            key: value
            for key, value in entry.items()
            if key not in {"slug", "audiences", "sectors", "topics", "document"}
        }
        if entry.get("document"):
            fields["document_id"] = conversation_record_document().pk
        fields["last_reviewed"] = DEMO_REVIEW_DATE
        resource = upsert_page(library, ResourcePage, entry["slug"], **fields)
        wanted_audiences = {audiences[slug] for slug in entry["audiences"]}
        wanted_sectors = {sectors[slug] for slug in entry["sectors"]}
        if (
            set(resource.audiences.all()) != wanted_audiences
            or set(resource.sectors.all()) != wanted_sectors
            or sorted(resource.topics.names()) != sorted(entry["topics"])
        ):
            resource.audiences.set(wanted_audiences)
            resource.sectors.set(wanted_sectors)
            resource.topics.set(entry["topics"])
            resource.save_revision().publish()
    return library
