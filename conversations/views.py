"""Members' side of conversations: responses on pages, replies, and questions to the network."""

from allauth.core import ratelimit
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from network_site.core import contributions
from network_site.membership.access import member_required

from . import moderation
from .access import (
    can_close,
    conversation_page,
    is_teller,
    meeting_phase,
    responses_open,
    shown_to,
)
from .forms import (
    AnswerForm,
    EditForm,
    EditQuestionForm,
    ErasureChoiceForm,
    FlagForm,
    QuestionForm,
    ReplyForm,
    ResponseForm,
)
from .listing import question_listing
from .models import Contribution, ConversationSettings, ErasureChoice, MeToo

PER_PAGE = 20
TOO_MANY = (
    "You have posted as much as we allow in an hour. Your words were not posted: copy them "
    "somewhere safe and try again later."
)
HELD_MESSAGE = {
    Contribution.HeldBecause.NEW_MEMBER: (
        "Thank you. A moderator reads a new member's first few posts before others see them; "
        "yours will show once they have."
    ),
    Contribution.HeldBecause.IDENTIFYING: (
        "Thank you. Your words may hold a detail that could identify someone, so a moderator "
        "will read them before others see them."
    ),
}


def thread_items(top_level, user):
    """Top-level contributions with their replies (or answers) in order, authors included, in a
    fixed number of queries however many there are."""
    children = (
        Contribution.objects.filter(shown_to(user))
        .select_related("author__member_profile")
        .order_by("created_at", "pk")
    )
    return top_level.select_related("author__member_profile").prefetch_related(
        Prefetch("children", queryset=children, to_attr="shown_children")
    )


def page_of(items, number):
    page = Paginator(items, PER_PAGE).get_page(number)
    page.object_list = list(page.object_list)
    return page


def mark_editable(items, user):
    """Sets `can_edit_now` on each contribution (and its shown replies) for the template."""
    now = timezone.now()
    for item in items:
        item.can_edit_now = item.can_be_edited_by(user, now)
        for child in getattr(item, "shown_children", ()):
            child.can_edit_now = child.can_be_edited_by(user, now)
    return items


def posted_message(request, contribution):
    if contribution.status == Contribution.Status.HELD:
        messages.info(request, HELD_MESSAGE[contribution.held_because])
    else:
        messages.success(request, "Thank you. Your words are posted.")


def rate_limited(request):
    return not ratelimit.consume(request, action="conversation_post", key=str(request.user.pk))


def too_many(request):
    return TemplateResponse(
        request, "pages/conversations/too_many.html", {"message": TOO_MANY}, status=429
    )


@member_required
@require_http_methods(["GET", "POST"])
def page_conversation(request, page_id):
    page = conversation_page(page_id)
    is_open = responses_open(page)
    links_allowed = moderation.is_trusted(request.user)
    form = ResponseForm(request.POST or None, links_allowed=links_allowed)
    if request.method == "POST":
        if not is_open:
            messages.error(request, "Responses to this page are closed.")
            return redirect("conversations:page", page.pk)
        if form.is_valid():
            if rate_limited(request):
                return too_many(request)
            contribution = moderation.post(
                Contribution(
                    kind=contributions.RESPONSE,
                    page=page,
                    author=request.user,
                    text=form.cleaned_data["text"],
                    before_meeting=meeting_phase(page),
                )
            )
            posted_message(request, contribution)
            return redirect(contribution.get_absolute_url())
    top_level = Contribution.objects.filter(
        shown_to(request.user), page=page, kind=contributions.RESPONSE
    ).order_by("created_at", "pk")
    responses = page_of(thread_items(top_level, request.user), request.GET.get("page"))
    mark_editable(responses.object_list, request.user)
    return TemplateResponse(
        request,
        "pages/conversations/page_conversation.html",
        {
            "page": page,
            "form": form,
            "responses": responses,
            "is_open": is_open,
            "can_close": can_close(page, request.user),
            "is_teller": is_teller(page, request.user),
            "before_meeting": meeting_phase(page),
            "links_allowed": links_allowed,
        },
    )


@member_required
@require_POST
def set_responses_open(request, page_id):
    page = conversation_page(page_id)
    if not can_close(page, request.user):
        raise Http404("Not yours to change")
    is_open = request.POST.get("open") == "yes"
    ConversationSettings.objects.update_or_create(page=page, defaults={"responses_open": is_open})
    messages.success(
        request, "Responses are open again." if is_open else "Responses to this page are closed."
    )
    return redirect("conversations:page", page.pk)


def shown_contribution(user, pk, kinds):
    contribution = (
        Contribution.objects.filter(shown_to(user), pk=pk, kind__in=kinds)
        .select_related("page", "parent")
        .first()
    )
    if contribution is None:
        raise Http404("No such contribution")
    if contribution.page_id is not None:
        conversation_page(contribution.page_id)
    return contribution


@member_required
@require_http_methods(["GET", "POST"])
def reply(request, pk):
    response = shown_contribution(request.user, pk, [contributions.RESPONSE])
    if response.status != Contribution.Status.VISIBLE:
        raise Http404("Not open for replies")
    form = ReplyForm(request.POST or None, links_allowed=moderation.is_trusted(request.user))
    if request.method == "POST":
        if not responses_open(response.page):
            messages.error(request, "Responses to this page are closed.")
            return redirect(response.get_absolute_url())
        if form.is_valid():
            if rate_limited(request):
                return too_many(request)
            contribution = moderation.post(
                Contribution(
                    kind=contributions.REPLY,
                    page=response.page,
                    parent=response,
                    author=request.user,
                    text=form.cleaned_data["text"],
                    before_meeting=response.before_meeting,
                )
            )
            posted_message(request, contribution)
            return redirect(contribution.get_absolute_url())
    return TemplateResponse(
        request,
        "pages/conversations/reply.html",
        {"response": response, "form": form, "heading": "Reply to a response"},
    )


def own_contribution(user, pk):
    contribution = (
        Contribution.objects.filter(pk=pk, author=user)
        .exclude(status=Contribution.Status.DELETED)
        .first()
    )
    if contribution is None:
        raise Http404("Not your contribution")
    return contribution


def where_after(contribution):
    """Where to go back to once a contribution is deleted."""
    if contribution.kind == contributions.QUESTION:
        return "conversations:questions", []
    if contribution.kind == contributions.ANSWER:
        return "conversations:question", [contribution.parent_id]
    return "conversations:page", [contribution.page_id]


@member_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    contribution = own_contribution(request.user, pk)
    if not contribution.can_be_edited_by(request.user):
        messages.info(request, "Words can be changed for 30 minutes after posting.")
        return redirect(contribution.get_absolute_url())
    form_class = EditQuestionForm if contribution.kind == contributions.QUESTION else EditForm
    initial = {"title": contribution.title, "text": contribution.text}
    if contribution.kind == contributions.QUESTION:
        initial["themes"] = list(contribution.themes.names())
        initial["sectors"] = list(contribution.sectors.all())
    form = form_class(
        request.POST or None, initial=initial, links_allowed=moderation.is_trusted(request.user)
    )
    if request.method == "POST" and form.is_valid():
        moderation.edit(
            contribution, title=form.cleaned_data.get("title", ""), text=form.cleaned_data["text"]
        )
        if contribution.kind == contributions.QUESTION:
            contribution.themes.set(form.cleaned_data["themes"])
            contribution.sectors.set(form.cleaned_data["sectors"])
        messages.success(request, "Your changes are saved.")
        return redirect(contribution.get_absolute_url())
    return TemplateResponse(
        request,
        "pages/conversations/edit.html",
        {"contribution": contribution, "form": form, "heading": "Edit your words"},
    )


@member_required
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    contribution = own_contribution(request.user, pk)
    if request.method == "POST":
        name, args = where_after(contribution)
        moderation.delete_by_author(contribution)
        messages.success(request, "Your words are deleted.")
        return redirect(name, *args)
    return TemplateResponse(
        request,
        "pages/conversations/delete.html",
        {"contribution": contribution, "heading": "Delete your words"},
    )


@member_required
@require_http_methods(["GET", "POST"])
def flag(request, pk):
    contribution = shown_contribution(request.user, pk, [kind for kind, _ in Contribution.KINDS])
    if contribution.author_id == request.user.pk or contribution.status != "visible":
        raise Http404("Nothing to flag")
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="conversation_flag", key=str(request.user.pk)):
            return too_many(request)
        moderation.flag(contribution, request.user, form.cleaned_data["reason"])
        messages.success(request, "Thank you. A moderator will look at it.")
        name, args = where_after(contribution)
        return redirect(name, *args)
    return TemplateResponse(
        request,
        "pages/conversations/flag.html",
        {"contribution": contribution, "form": form, "heading": "Flag for a moderator"},
    )


# Ask the network


@member_required
def questions(request):
    listing = question_listing(request)
    return TemplateResponse(request, "pages/conversations/questions.html", {"listing": listing})


@member_required
@require_http_methods(["GET", "POST"])
def ask(request):
    form = QuestionForm(request.POST or None, links_allowed=moderation.is_trusted(request.user))
    if request.method == "POST" and form.is_valid():
        if rate_limited(request):
            return too_many(request)
        question = moderation.post(
            Contribution(
                kind=contributions.QUESTION,
                author=request.user,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            ),
            themes=form.cleaned_data["themes"],
            sectors=form.cleaned_data["sectors"],
        )
        posted_message(request, question)
        return redirect(question.get_absolute_url())
    return TemplateResponse(
        request, "pages/conversations/ask.html", {"form": form, "heading": "Ask the network"}
    )


def shown_question(user, pk):
    question = (
        Contribution.objects.questions()
        .filter(shown_to(user), pk=pk)
        .select_related("author__member_profile", "accepted_answer")
        .annotate(me_too_count=Count("me_toos", distinct=True))
        .first()
    )
    if question is None:
        raise Http404("No such question")
    return question


@member_required
@require_http_methods(["GET", "POST"])
def question(request, pk):
    question = shown_question(request.user, pk)
    is_open = question.status == Contribution.Status.VISIBLE
    form = AnswerForm(request.POST or None, links_allowed=moderation.is_trusted(request.user))
    if request.method == "POST" and is_open and form.is_valid():
        if rate_limited(request):
            return too_many(request)
        answer = moderation.post(
            Contribution(
                kind=contributions.ANSWER,
                parent=question,
                author=request.user,
                text=form.cleaned_data["text"],
            )
        )
        posted_message(request, answer)
        return redirect(answer.get_absolute_url())
    answers = page_of(
        Contribution.objects.filter(shown_to(request.user), parent=question)
        .select_related("author__member_profile")
        .order_by("created_at", "pk"),
        request.GET.get("page"),
    )
    mark_editable([question, *answers.object_list], request.user)
    return TemplateResponse(
        request,
        "pages/conversations/question.html",
        {
            "question": question,
            "answers": answers,
            "form": form,
            "is_open": is_open,
            "is_asker": question.author_id == request.user.pk,
            "said_me_too": question.me_toos.filter(member=request.user).exists(),
        },
    )


@member_required
@require_POST
def accept(request, pk, answer_pk):
    question = shown_question(request.user, pk)
    if question.author_id != request.user.pk:
        raise Http404("Only the asker marks the answer that helped")
    answer = Contribution.objects.visible().filter(parent=question, pk=answer_pk).first()
    if answer is None:
        raise Http404("No such answer")
    question.accepted_answer = answer
    question.save(update_fields=["accepted_answer"])
    messages.success(request, "Thank you. Others will see which answer helped you.")
    return redirect(answer.get_absolute_url())


@member_required
@require_POST
def me_too(request, pk):
    question = shown_question(request.user, pk)
    if question.author_id == request.user.pk or question.status != "visible":
        raise Http404("Not for your own question")
    MeToo.objects.get_or_create(question=question, member=request.user)
    messages.success(request, "You have said you want to know too.")
    return redirect(question.get_absolute_url())


@member_required
@require_http_methods(["GET", "POST"])
def my_contributions(request):
    """The member's own words in conversations, and what happens to them if they leave."""
    choice = ErasureChoice.objects.filter(member=request.user).first()
    initial = {"choice": ErasureChoiceForm.KEEP if choice and choice.keep_words else "remove"}
    form = ErasureChoiceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ErasureChoice.objects.update_or_create(
            member=request.user,
            defaults={"keep_words": form.cleaned_data["choice"] == ErasureChoiceForm.KEEP},
        )
        messages.success(request, "Your choice is saved.")
        return redirect("conversations:mine")
    own = page_of(
        Contribution.objects.filter(author=request.user)
        .exclude(status=Contribution.Status.DELETED)
        .select_related("page", "parent")
        .order_by("-created_at", "-pk"),
        request.GET.get("page"),
    )
    return TemplateResponse(
        request, "pages/conversations/mine.html", {"contributions": own, "form": form}
    )
