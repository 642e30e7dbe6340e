"""Demo stories: a stories index, the moderation workflow on it, demo tellers and ten stories.

Every story here is invented for the demo; the people in them are not real.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Workflow, WorkflowPage

from network_site.core.demo import upsert_page
from network_site.core.models import Sector
from network_site.core.roles import MEMBER

from . import choices
from .models import StoryIndexPage, StoryPage
from .workflow import STORY_WORKFLOW_NAME

TELLERS = [
    ("story-teller-morag", "morag.demo@example.org", "Morag", "Lindsay"),
    ("story-teller-daniel", "daniel.demo@example.org", "Daniel", "Okafor"),
    ("story-teller-isla", "isla.demo@example.org", "Isla", "Grant"),
    ("story-teller-ravi", "ravi.demo@example.org", "Ravi", "Mehta"),
]

STORIES = [
    {
        "slug": "a-kitchen-table-conversation",
        "teller": "story-teller-morag",
        "title": "A kitchen-table conversation about getting out again",
        "summary": "An older man who had stopped leaving the house told us that what he missed most was the bowling club. We planned around that, not around his care package.",
        "what_mattered": "He wanted to see his friends at the bowling club again and to feel useful. Personal care was the reason for our visit, but it was not what he talked about.",
        "what_we_did": "We sat at his kitchen table and let him lead. Together we worked out that a lift on Tuesday afternoons and a bit of help with his shoes would get him there.",
        "helped_and_hindered": "A volunteer driver scheme made the lifts possible. What got in the way was our own assessment form, which had no space for the bowling club at all.",
        "what_changed": "He goes most weeks now and has taken on keeping the club's fixture list. His daughter says he sleeps better.",
        "what_i_learned": "The outcome he wanted was connection. If I had filled in the form first, I would never have heard it.",
        "perspective": "practitioner",
        "sectors": ["social-care"],
        "council_area": "fife",
        "themes": ["Good conversations", "Recording outcomes"],
        "credit": choices.CREDIT_ROLE,
        "credit_role": "Community care worker",
        "credit_organisation": "A Fife home support service",
    },
    {
        "slug": "my-own-carer-support-plan",
        "teller": "story-teller-isla",
        "title": "The first time someone asked what I wanted",
        "summary": "Caring for my husband took over everything. My adult carer support plan was the first time anyone asked about my life as well as his.",
        "what_mattered": "I wanted to keep singing in my choir and to get one full night's sleep a week. I had not said either of those things out loud before.",
        "what_we_did": "The carer centre worker and I wrote my plan together over two meetings. She wrote down my words rather than translating them into service language.",
        "helped_and_hindered": "Short breaks funding helped, and so did a sitter I trust. Waiting months for the first meeting was hard.",
        "what_changed": "I am back at choir on Thursdays. I feel like a person again, not only a carer.",
        "what_i_learned": "It is allowed to want things for yourself. The plan gave me permission to say so.",
        "perspective": "unpaid-carer",
        "sectors": ["third-sector"],
        "council_area": "highland",
        "themes": ["Carers", "Adult carer support plan"],
        "credit": choices.CREDIT_ANONYMOUS,
    },
    {
        "slug": "a-young-carer-statement-written-at-school",
        "teller": "story-teller-daniel",
        "title": "A young carer statement written in the school library",
        "summary": "A fourteen-year-old who helps look after her mum did not want a meeting at home. We met where she felt in charge.",
        "what_mattered": "She wanted her teachers to understand why homework was sometimes late, without her whole class finding out.",
        "what_we_did": "We wrote her young carer statement in the school library at lunchtimes. She chose which teachers would see it.",
        "helped_and_hindered": "A guidance teacher who already knew her made a huge difference. Getting the statement shared between school and social work took far too long.",
        "what_changed": "She has a quiet agreement about deadlines and a young carers group on Wednesdays. She says school feels less like a test she is failing.",
        "what_i_learned": "Letting a young person choose the place and the audience is part of the conversation, not a detail around it.",
        "perspective": "practitioner",
        "sectors": ["education", "social-care"],
        "council_area": "glasgow-city",
        "themes": ["Young carers", "Young carer statement", "Good conversations"],
        "credit": choices.CREDIT_NAME,
        "credit_name": "Daniel Okafor",
    },
    {
        "slug": "choosing-option-one",
        "teller": "story-teller-ravi",
        "title": "Choosing to manage my own support budget",
        "summary": "I use a wheelchair and I wanted to employ my own personal assistants. Self-directed support made it possible, with some bumps along the way.",
        "what_mattered": "I wanted support at the times I live my life, including early starts for work and late evenings with friends.",
        "what_we_did": "My social worker explained the four options honestly, including the paperwork. We agreed I would take a direct payment and employ two assistants.",
        "helped_and_hindered": "A local support organisation helped with payroll and contracts. Recruiting assistants in a rural area was slow.",
        "what_changed": "My support fits my days now instead of my days fitting the rota.",
        "what_i_learned": "Choice only means something when someone explains what each choice involves.",
        "perspective": "person-using-support",
        "sectors": ["social-care", "independent-sector"],
        "council_area": "scottish-borders",
        "themes": ["Self-directed support"],
        "credit": choices.CREDIT_ANONYMOUS,
    },
    {
        "slug": "a-tenancy-that-lasted",
        "teller": "story-teller-morag",
        "title": "A tenancy that lasted because we asked what home meant",
        "summary": "A young man had lost three tenancies in two years. This time the housing team started by asking what would make a flat feel like home.",
        "what_mattered": "Being near his brother, having somewhere to keep his bike, and not living above a pub.",
        "what_we_did": "Housing, health and a support worker met with him together once, instead of each asking the same questions separately.",
        "helped_and_hindered": "Flexible allocation rules helped. Different services each holding part of his story got in the way at first.",
        "what_changed": "He has kept the tenancy for eighteen months and is volunteering at a bike repair project.",
        "what_i_learned": "A tenancy is an outcome only when it is the home the person wanted.",
        "perspective": "manager",
        "sectors": ["housing"],
        "council_area": "dundee-city",
        "themes": ["Housing", "Good conversations"],
        "credit": choices.CREDIT_ROLE,
        "credit_role": "Housing support manager",
        "credit_organisation": "A housing association in Tayside",
    },
    {
        "slug": "planning-ahead-together",
        "teller": "story-teller-isla",
        "title": "Planning ahead while there was still time to talk",
        "summary": "A woman with a progressive illness wanted her family to know her wishes. A future care plan gave them a way to talk about it.",
        "what_mattered": "Staying at home as long as possible, and her family not having to guess what she would want.",
        "what_we_did": "Her district nurse started the conversation and came back to it over several visits, at her pace.",
        "helped_and_hindered": "Having the plan on a shared record helped out-of-hours staff. Some relatives found the conversation difficult at first.",
        "what_changed": "Her family say they felt prepared, and her wishes were followed.",
        "what_i_learned": "Future care planning is a series of conversations, not a form to complete in one sitting.",
        "perspective": "practitioner",
        "sectors": ["health"],
        "council_area": "aberdeenshire",
        "themes": ["Future care planning", "Good conversations"],
        "credit": choices.CREDIT_ANONYMOUS,
    },
    {
        "slug": "recording-what-people-say",
        "teller": "story-teller-daniel",
        "title": "Recording outcomes in people's own words",
        "summary": "Our team changed how we write up conversations. We now record what the person said matters, in their words, before anything else.",
        "what_mattered": "People told us they did not recognise themselves in our case notes.",
        "what_we_did": "We tried a simple rule for three months: the first lines of every record quote the person directly.",
        "helped_and_hindered": "Team reflection sessions helped us stick with it. Our recording system's fixed drop-down lists got in the way.",
        "what_changed": "Reviews now start from what the person said last time, and people notice.",
        "what_i_learned": "How we record shapes how we listen.",
        "perspective": "manager",
        "sectors": ["social-care", "health"],
        "council_area": "west-lothian",
        "themes": ["Recording outcomes"],
        "credit": choices.CREDIT_NAME,
        "credit_name": "Daniel Okafor",
    },
    {
        "slug": "commissioning-for-outcomes",
        "teller": "story-teller-ravi",
        "title": "Commissioning for outcomes rather than hours",
        "summary": "We rewrote a care-at-home contract so that providers report on what changed for people, not only on minutes delivered.",
        "what_mattered": "People and providers both said that timed visits left no room for what people actually wanted help with.",
        "what_we_did": "We worked with providers, carers and people using support to agree a small set of outcome measures.",
        "helped_and_hindered": "Trust between commissioners and providers helped. Finance systems built around hours made it harder.",
        "what_changed": "Providers have more flexibility, and review meetings talk about people's lives.",
        "what_i_learned": "You cannot ask staff to work in an outcomes way if the contract rewards something else.",
        "perspective": "commissioner",
        "sectors": ["social-care", "independent-sector"],
        "council_area": "east-lothian",
        "themes": ["Self-directed support", "Recording outcomes"],
        "credit": choices.CREDIT_ROLE,
        "credit_role": "Commissioning officer",
        "credit_organisation": "A health and social care partnership",
        "audience": choices.AUDIENCE_MEMBERS,
    },
    {
        "slug": "a-young-carer-finds-a-break",
        "teller": "story-teller-isla",
        "title": "What a weekend away meant to me",
        "summary": "I look after my little brother. A young carers residential weekend was the first time I had been away without worrying about him.",
        "what_mattered": "Having time that was just mine, and knowing my brother was fine while I was gone.",
        "what_we_did": "My young carers worker helped my mum plan who would be at home, so I could go without feeling guilty.",
        "helped_and_hindered": "Meeting other young carers helped most. Finding someone to cover at home took a lot of organising.",
        "what_changed": "I have friends who understand, and I know it is all right to take a break.",
        "what_i_learned": "Asking for help is not the same as letting people down.",
        "perspective": "young-carer",
        "sectors": ["third-sector", "community"],
        "council_area": "north-lanarkshire",
        "themes": ["Young carers", "Carers"],
        "credit": choices.CREDIT_ANONYMOUS,
    },
    {
        "slug": "a-ward-discharge-conversation",
        "teller": "story-teller-morag",
        "title": "Slowing down a hospital discharge to get it right",
        "summary": "A discharge that looked simple on paper was not. Taking an extra day to talk with the woman and her carer avoided a readmission.",
        "what_mattered": "She wanted to go home to her dog, and her husband needed to know he would not be doing everything alone.",
        "what_we_did": "We brought the ward team, the community team and the couple together for one unhurried conversation before discharge.",
        "helped_and_hindered": "A consultant who backed the extra day helped. Pressure on beds pushed hard the other way.",
        "what_changed": "She went home with support that matched their routine, and has not been readmitted.",
        "what_i_learned": "Speed is not the same as flow: the right conversation saves time later.",
        "perspective": "practitioner",
        "sectors": ["health", "social-care"],
        "council_area": "city-of-edinburgh",
        "themes": ["Carers", "Good conversations"],
        "credit": choices.CREDIT_ROLE,
        "credit_role": "Discharge coordinator",
        "credit_organisation": "An NHS board",
        "audience": choices.AUDIENCE_MEMBERS,
    },
]


def load(context):
    home = context["home"]
    tellers = ensure_tellers()
    index = upsert_page(
        home,
        StoryIndexPage,
        "stories",
        title="Stories from practice",
        show_in_menus=True,
        introduction=(
            "Members of the network describe what happened when they planned support around what "
            "mattered to a person or a carer, and what they learned. Every story is checked by a "
            "moderator before it appears here."
        ),
    )
    workflow = Workflow.objects.get(name=STORY_WORKFLOW_NAME)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    for story_data in STORIES:
        data = dict(story_data)
        slug, teller = data.pop("slug"), tellers[data.pop("teller")]
        themes, sector_slugs = data.pop("themes"), data.pop("sectors")
        parent = index.parent_for(data.get("audience", choices.AUDIENCE_PUBLIC))
        story = upsert_page(
            parent,
            StoryPage,
            slug,
            owner_id=teller.pk,
            consent_confirmed=True,
            search_description=data["summary"],
            **data,
        )
        wanted_sectors = sorted(sector_slugs)
        if (
            sorted(theme.name for theme in story.tags.all()) != sorted(themes)
            or sorted(sector.slug for sector in story.sectors.all()) != wanted_sectors
        ):
            story.tags.set(themes, clear=True)
            story.sectors = [sectors[slug] for slug in wanted_sectors]
            story.save_revision().publish()
    context["stdout"].write(f"Stories: {len(STORIES)} at {index.url}")


def ensure_tellers():
    members, _ = Group.objects.get_or_create(name=MEMBER.group)
    user_model = get_user_model()
    tellers = {}
    for username, email, first_name, last_name in TELLERS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"email": email, "first_name": first_name, "last_name": last_name},
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(members)
        tellers[username] = user
    return tellers
