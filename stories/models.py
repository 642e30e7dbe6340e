from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from network_site.core.index_pages import SectionIndexPage
from network_site.core.pages import SitePage
from network_site.core.related import pages_sharing_themes
from network_site.core.roles import ADMINISTRATOR, MEMBER, MODERATOR
from network_site.core.search import summary_search_fields
from network_site.membership.access import is_member

from . import choices
from .identifying import find_identifying_details
from .panels import IdentifyingDetailsPanel

RELATED_STORIES = 3


class StoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "stories.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryIndexPage(SectionIndexPage):
    """The stories section: the listing, theme archives, the feed and the members' story pages."""

    # What site search calls this kind of page.
    search_result_label = "Stories"

    subpage_types = ["stories.StoryPage", "stories.MembersStoriesPage"]
    template = "pages/stories/story_index_page.html"

    def subpage_url(self, name, *args):
        return self.url + self.reverse_subpage(name, args=args)

    @property
    def share_url(self):
        return self.subpage_url("share")

    @property
    def my_stories_url(self):
        return self.subpage_url("my_stories")

    @property
    def feed_url(self):
        return self.subpage_url("feed")

    def theme_url(self, theme_slug):
        return self.subpage_url("theme_archive", theme_slug)

    def members_stories_page(self):
        """The one restricted page that holds members-only stories, made the first time it is needed."""
        folder = MembersStoriesPage.objects.child_of(self).first()
        if folder is None:
            folder = MembersStoriesPage(title="Members' stories", slug="members")
            self.add_child(instance=folder)
            folder.save_revision().publish()
        folder.ensure_view_restriction()
        return folder

    def parent_for(self, audience):
        """Where a story with this audience lives: here, or in the members' restricted page."""
        if audience == choices.AUDIENCE_MEMBERS:
            return self.members_stories_page()
        return self

    def all_stories(self):
        """Every story under this index, public or members-only, in any state."""
        return StoryPage.objects.descendant_of(self)

    def visible_stories(self, request):
        """Live stories under this index; members-only ones only for members."""
        return stories_visible_to(request).descendant_of(self)

    @path("")
    def story_list(self, request, theme=None):
        from .listing import story_listing

        return self.render(
            request,
            context_overrides={
                "listing": story_listing(
                    self.visible_stories(request),
                    request.GET,
                    scope=(self.pk, story_audience(request)),
                    theme=theme,
                ),
                "theme": theme,
                "is_member": is_member(request.user),
            },
        )

    @path("theme/<slug:theme_slug>/")
    def theme_archive(self, request, theme_slug):
        visible = self.visible_stories(request)

        def theme_in_use():
            theme = Tag.objects.filter(slug=theme_slug).first()
            # No archive for a theme that only drafts (or stories this visitor may not read) use.
            if theme is None or not visible.filter(tagged_items__tag=theme).exists():
                return None
            return theme

        theme = theme_in_use()
        if theme is None:
            raise Http404("No such theme")
        return self.story_list(request, theme=theme)

    @path("feed/")
    def feed(self, request):
        from .feeds import StoriesFeed

        return StoriesFeed(self)(request)

    @path("share/")
    def share(self, request):
        from .views import share_story

        return share_story(request, self)

    @path("mine/")
    def my_stories(self, request):
        from .views import my_stories

        return my_stories(request, self)

    @path("mine/<int:story_id>/edit/")
    def edit_story(self, request, story_id):
        from .views import edit_story

        return edit_story(request, self, story_id)

    @path("mine/<int:story_id>/withdraw/")
    def withdraw_story(self, request, story_id):
        from .views import withdraw_story

        return withdraw_story(request, self, story_id)


class MembersStoriesPage(SitePage):
    """Holds the members-only stories under one view restriction (members and moderators).

    Wagtail refuses its descendants to everyone else and every `.public()` query (search, feeds,
    sitemap, API) leaves them out with one clause, whether it holds one story or thousands.
    Its own address sends people to the stories index, which lists them for members.
    """

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = ["stories.StoryPage"]
    max_count_per_parent = 1

    def ensure_view_restriction(self):
        restriction = PageViewRestriction.objects.filter(
            page=self, restriction_type=PageViewRestriction.GROUPS
        ).first()
        if restriction is None:
            PageViewRestriction.objects.filter(page=self).delete()
            restriction = PageViewRestriction.objects.create(
                page=self, restriction_type=PageViewRestriction.GROUPS
            )
        wanted = {
            Group.objects.get_or_create(name=role.group)[0]
            for role in (MEMBER, MODERATOR, ADMINISTRATOR)
        }
        if set(restriction.groups.all()) != wanted:
            restriction.groups.set(wanted)

    def get_sitemap_urls(self, request=None):
        return []

    def serve(self, request, *args, **kwargs):
        return redirect(self.get_parent().url)


def story_audience(request):
    """Whose view of the stories a request has, which is all that `stories_visible_to` depends
    on: True for a member's (members-only stories too), False for everyone else's."""
    return request is not None and is_member(request.user)


def stories_visible_to(request):
    """Live stories; members-only ones only for a member (and never without a request).

    Members-only stories all sit under one restricted page, so `.public()` adds one clause
    however many there are.
    """
    stories = StoryPage.objects.live()
    if not story_audience(request):
        stories = stories.public()
    return stories


class StoryPage(RoutablePageMixin, SitePage):
    """One member's story from practice, told in the personal outcomes structure."""

    # What site search calls this kind of page.
    search_result_label = "Story"

    # Drafts may be unfinished: the sharing form asks for every section before it submits a story.
    summary = models.TextField(
        max_length=400, blank=True, help_text="One or two sentences: what the story is about."
    )
    what_mattered = models.TextField(
        "what mattered to the person", blank=True, help_text="What mattered to the person or carer."
    )
    what_we_did = models.TextField("what we did together", blank=True)
    helped_and_hindered = models.TextField("what helped and what got in the way", blank=True)
    what_changed = models.TextField("what changed", blank=True)
    what_i_learned = models.TextField("what I learned", blank=True)
    perspective = models.CharField(max_length=30, choices=choices.PERSPECTIVES, blank=True)
    sectors = ParentalManyToManyField("core.Sector", related_name="stories", blank=True)
    council_area = models.CharField(max_length=40, choices=choices.COUNCIL_AREAS, blank=True)
    tags = ClusterTaggableManager("themes", through=StoryTag, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(max_length=250, blank=True)

    # Consent and privacy, recorded with the story.
    consent_confirmed = models.BooleanField(
        "the people in the story agreed or cannot be identified", default=False
    )
    credit = models.CharField(
        max_length=20, choices=choices.CREDIT_CHOICES, default=choices.CREDIT_ANONYMOUS
    )
    credit_name = models.CharField(max_length=150, blank=True)
    credit_role = models.CharField(max_length=150, blank=True)
    credit_organisation = models.CharField(max_length=150, blank=True)
    audience = models.CharField(
        max_length=20, choices=choices.AUDIENCE_CHOICES, default=choices.AUDIENCE_PUBLIC
    )
    # The teller's own choice, made on the sharing form and recorded in the consent ledger
    # (stories/quoting.py): editors see it but cannot give it for them.
    may_be_quoted = models.BooleanField(
        "may be quoted in the network's briefings",
        default=False,
        help_text="Given by the teller on the sharing form; recorded in their consent records.",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    content_panels = Page.content_panels + [
        IdentifyingDetailsPanel(heading="Details that may identify people"),
        FieldPanel("summary"),
        FieldPanel("what_mattered"),
        FieldPanel("what_we_did"),
        FieldPanel("helped_and_hindered"),
        FieldPanel("what_changed"),
        FieldPanel("what_i_learned"),
        MultiFieldPanel(
            [
                FieldPanel("perspective"),
                FieldPanel("sectors"),
                FieldPanel("council_area"),
                FieldPanel("tags"),
            ],
            heading="Describing the story",
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt_text")], heading="Image"),
        MultiFieldPanel(
            [
                FieldPanel("consent_confirmed"),
                FieldPanel("credit"),
                FieldPanel("credit_name"),
                FieldPanel("credit_role"),
                FieldPanel("credit_organisation"),
                FieldPanel("audience"),
                FieldPanel("may_be_quoted", read_only=True),
            ],
            heading="Consent, credit and audience",
        ),
    ]
    search_fields = Page.search_fields + [
        *summary_search_fields("summary"),
        index.SearchField("what_mattered"),
        index.SearchField("what_we_did"),
        index.SearchField("helped_and_hindered"),
        index.SearchField("what_changed"),
        index.SearchField("what_i_learned"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("perspective"),
    ]
    parent_page_types = ["stories.StoryIndexPage", "stories.MembersStoriesPage"]
    subpage_types = []
    template = "pages/stories/story_page.html"

    SECTIONS = [
        ("what_mattered", "What mattered"),
        ("what_we_did", "What we did together"),
        ("helped_and_hindered", "What helped and what got in the way"),
        ("what_changed", "What changed"),
        ("what_i_learned", "What I learned"),
    ]

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt_text.strip():
            raise ValidationError(
                {"image_alt_text": "Describe the image for people who cannot see it."}
            )

    @property
    def introduction(self):
        # Search results and listings show a page's introduction.
        return self.summary

    @property
    def sections(self):
        return [(label, getattr(self, name)) for name, label in self.SECTIONS]

    @property
    def credit_text(self):
        if self.credit == choices.CREDIT_NAME and self.credit_name:
            return self.credit_name
        if self.credit == choices.CREDIT_ROLE and (self.credit_role or self.credit_organisation):
            return ", ".join(part for part in (self.credit_role, self.credit_organisation) if part)
        return f"A network member ({self.get_perspective_display().lower()})"

    @property
    def is_members_only(self):
        return self.audience == choices.AUDIENCE_MEMBERS

    @cached_property
    def themes(self):
        """The story's theme tags by name. Listings and the story's own page prefetch them with
        their tags (`tagged_items__tag`); a preview shows the draft's own."""
        return sorted((item.tag for item in self.tagged_items.all()), key=lambda tag: tag.name)

    def identifying_details(self):
        labelled = [("title", "Title", self.title), ("summary", "Summary", self.summary)]
        labelled += [(name, label, getattr(self, name)) for name, label in self.SECTIONS]
        labelled += [("image_alt_text", "Image description", self.image_alt_text)]
        return find_identifying_details(labelled)

    @cached_property
    def story_index(self):
        """The stories index above this story."""
        return StoryIndexPage.objects.ancestor_of(self).first()

    def place_by_audience(self):
        """Moves the story under its index or under the members' restricted page, as its audience
        says. Members-only stories never carry a view restriction of their own."""
        index = self.story_index
        target = index.parent_for(self.audience)
        if self.path.startswith(target.path) and self.depth == target.depth + 1:
            return
        from .workflow import unique_slug

        slug = unique_slug(target, self.slug, exclude_pk=self.pk)
        if slug != self.slug:
            Page.objects.filter(pk=self.pk).update(slug=slug)
            self.slug = slug
        # Treebeard reloads the instance it moves from the database, which would drop this
        # object's unsaved values (a draft's new audience among them): move a fresh copy instead.
        Page.objects.get(pk=self.pk).move(target, pos="last-child")
        moved = Page.objects.get(pk=self.pk)
        self.path, self.depth, self.url_path = moved.path, moved.depth, moved.url_path

    def related_stories(self, request):
        """The latest stories sharing a theme with this one that the reader may see."""
        return pages_sharing_themes(
            "stories", self.themes, request=request, exclude=self, limit=RELATED_STORIES
        )

    def get_context(self, request, *args, **kwargs):
        if not getattr(request, "is_preview", False):
            # Its themes (with their links, in one query) and sectors, as published; a preview
            # shows the draft's own.
            prefetch_related_objects(
                [self],
                Prefetch("tagged_items", queryset=StoryTag.objects.select_related("tag")),
                "sectors",
            )
        context = super().get_context(request, *args, **kwargs)
        context["related_stories"] = self.related_stories(request)
        context["helped_count"] = self.helped_marks.count()
        context["is_member"] = is_member(request.user)
        context["marked_helped"] = (
            context["is_member"] and self.helped_marks.filter(user=request.user).exists()
        )
        index = self.story_index
        context["theme_links"] = [(tag, index.theme_url(tag.slug)) for tag in self.themes]
        if not getattr(request, "is_preview", False):
            from .page_sections import sections_for

            context["added_sections"] = sections_for(self, request)
        return context

    @path("")
    def story(self, request):
        return self.render(request)

    @path("helped/")
    def mark_helped(self, request):
        """A member says the story helped their practice; once each, so a second mark is a no-op."""
        if request.method != "POST":
            return redirect(self.url)
        if not is_member(request.user):
            return TemplateResponse(request, "membership/members_only.html", status=403)
        HelpedMark.objects.get_or_create(story=self, user=request.user)
        return redirect(self.url + "#helped")


class HelpedMark(models.Model):
    """A member's "this helped my practice" on a story."""

    story = models.ForeignKey(StoryPage, on_delete=models.CASCADE, related_name="helped_marks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_helped_marks"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "user"], name="stories_helped_once_per_member")
        ]

    def __str__(self):
        return f"{self.user} found “{self.story}” helpful"
