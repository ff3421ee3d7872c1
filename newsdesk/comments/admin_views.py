"""The moderation queue in the Wagtail admin, after Coral's: queues by state with their
counts, one card per comment saying why it was held, and the decision buttons on the card.

Every view needs the comments.moderate_comment permission (superusers have it); every
decision goes through actions.py, which logs it in Wagtail's audit log.
"""

from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail.permission_policies.base import BasePermissionPolicy

from newsdesk.core.ids import parse_id
from newsdesk.desk.visibility import pages_visible_to
from newsdesk.news.models import ArticlePage

from .actions import (
    MODERATION_STATES,
    do_ban,
    do_bulk_moderate,
    do_edit_comment,
    do_reply_as_newsroom,
)
from .forms import ModeratorEditForm, NewsroomReplyForm
from .models import Ban, Comment
from .spam import CommentRefused
from .text import normalise

MODERATE = "comments.moderate_comment"
CARDS_PER_PAGE = 50
QUEUES = [
    ("pending", "Awaiting moderation", Q(state=Comment.State.PENDING)),
    ("approved", "Approved", Q(state=Comment.State.APPROVED)),
    ("rejected", "Rejected", Q(state=Comment.State.REJECTED)),
    ("spam", "Spam", Q(state=Comment.State.SPAM)),
    ("all", "All", Q()),
]
BULK_LABELS = {"approve": "approved", "reject": "rejected", "spam": "marked as spam"}


def can_moderate(user):
    return user.is_active and user.has_perm(MODERATE)


class ModeratorPermissionPolicy(BasePermissionPolicy):
    """Whoever may moderate comments may also manage bans, blocked terms and comment rules."""

    def user_has_permission(self, user, action):
        return can_moderate(user)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename="moderate_comment")
            | Q(groups__permissions__codename="moderate_comment")
        ).distinct()


def moderator_required(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


def queue_url(**params):
    query = urlencode({key: value for key, value in params.items() if value})
    return reverse("comments_moderation:queue") + (f"?{query}" if query else "")


# --- the queue ---------------------------------------------------------------------------


def pages_moderated_by(user):
    """The pages whose comments a moderator sees, and so whose headlines: every live page
    (its comments are public and need moderating; cards name it by its published headline,
    the page's `title`), and the pages the user may see in the admin (desk/visibility.py)."""
    return Page.objects.filter(Q(live=True) | Q(pk__in=pages_visible_to(user).values("pk")))


def comments_for(user):
    return Comment.objects.filter(page__in=pages_moderated_by(user))


def filtered_comments(request):
    comments = comments_for(request.user)
    article_id = parse_id(request.GET.get("article"))
    article = None
    if article_id is not None:
        articles = ArticlePage.objects.filter(pk__in=pages_moderated_by(request.user))
        article = articles.filter(pk=article_id).first()
        comments = comments.filter(page_id=article_id)
    query = normalise(request.GET.get("q", ""))  # PostgreSQL refuses NUL and friends
    if query:
        comments = comments.filter(
            Q(body__icontains=query)
            | Q(author_name__icontains=query)
            | Q(author_email__icontains=query)
            | Q(page__title__icontains=query)
        )
    return comments, article, query


@moderator_required
def queue(request):
    comments, article, query = filtered_comments(request)
    state = request.GET.get("state", "pending")
    queues = {name: (label, condition) for name, label, condition in QUEUES}
    if state not in queues:
        state = "pending"
    counts = dict(comments.order_by().values_list("state").annotate(n=Count("pk")))
    tabs = [
        {
            "name": name,
            "label": label,
            "count": sum(counts.values()) if name == "all" else counts.get(name, 0),
            "url": queue_url(state=name, article=article.pk if article else None, q=query),
            "current": name == state,
        }
        for name, label, _ in QUEUES
    ]
    listing = (
        comments.filter(queues[state][1])
        .select_related("page", "parent", "user")
        .order_by("-created_at", "-pk")
    )
    cards = Paginator(listing, CARDS_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "comments/admin/queue.html",
        {
            "cards": cards,
            "tabs": tabs,
            "state": state,
            "article": article,
            "query": query,
            "here": request.get_full_path(),
            "clear_article_url": queue_url(state=state, q=query),
            "header_title": "Comments",
            "banned": banned_values(list(cards)),
        },
    )


def banned_values(comments):
    emails = {c.author_email.casefold() for c in comments if c.author_email}
    addresses = {c.ip_address for c in comments if c.ip_address}
    return set(
        Ban.objects.filter(
            Q(kind=Ban.Kind.EMAIL, value__in=emails) | Q(kind=Ban.Kind.ADDRESS, value__in=addresses)
        ).values_list("value", flat=True)
    )


@require_POST
@moderator_required
def moderate(request):
    """One decision from a card's button, or one decision for every ticked card."""
    back = safe_next(request, queue_url())
    if request.POST.get("single"):
        decision, _, comment_id = request.POST["single"].partition(":")
        ids = [comment_id]
    else:
        decision, ids = request.POST.get("bulk", ""), request.POST.getlist("comment")
    ids = [pk for pk in map(parse_id, ids) if pk is not None]
    comments = list(comments_for(request.user).filter(pk__in=ids).select_related("page"))
    if not comments:
        messages.warning(request, "Tick at least one comment first.")
        return redirect(back)
    if decision in MODERATION_STATES:
        done = do_bulk_moderate(comments, decision, request.user)
        messages.success(
            request, f"{done} comment{'s' if done != 1 else ''} {BULK_LABELS[decision]}."
        )
    elif decision in ("ban-email", "ban-address"):
        ban_author(request, comments[0], decision)
    else:
        messages.error(request, "Unknown moderation action.")
    return redirect(back)


def ban_author(request, comment, decision):
    kind = Ban.Kind.EMAIL if decision == "ban-email" else Ban.Kind.ADDRESS
    value = comment.author_email if kind == Ban.Kind.EMAIL else comment.ip_address
    try:
        ban = do_ban(kind, value, request.user, reason=f"From comment {comment.pk}")
    except CommentRefused as refusal:
        messages.error(request, refusal.message)
        return
    messages.success(request, f"Banned {ban}. They can no longer comment.")


# --- edit and reply ------------------------------------------------------------------------


@moderator_required
def edit(request, pk):
    comment = get_object_or_404(comments_for(request.user).select_related("page"), pk=pk)
    back = safe_next(request, queue_url(state="all"))
    form = ModeratorEditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        do_edit_comment(comment, form.cleaned_data["body"], request.user)
        messages.success(request, f"Comment by {comment.author_name} edited.")
        return redirect(back)
    return TemplateResponse(
        request,
        "comments/admin/edit.html",
        {"comment": comment, "form": form, "back": back, "header_title": "Edit comment"},
    )


@moderator_required
def reply(request, pk):
    parent = get_object_or_404(comments_for(request.user).select_related("page"), pk=pk)
    back = safe_next(request, queue_url(state="all"))
    form = NewsroomReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_reply_as_newsroom(parent, form.cleaned_data["body"], request.user)
        messages.success(request, f"Newsroom reply to {parent.author_name} published.")
        return redirect(back)
    return TemplateResponse(
        request,
        "comments/admin/reply.html",
        {"comment": parent, "form": form, "back": back, "header_title": "Reply as the newsroom"},
    )


# --- the dashboard -------------------------------------------------------------------------


def dashboard_counts():
    since = timezone.now() - timedelta(days=1)
    return Comment.objects.aggregate(
        pending=Count("pk", filter=Q(state=Comment.State.PENDING)),
        suspected_spam=Count("pk", filter=Q(state=Comment.State.PENDING, spam_score__gte=0.5)),
        posted_today=Count("pk", filter=Q(created_at__gte=since)),
        spam_today=Count("pk", filter=Q(state=Comment.State.SPAM, created_at__gte=since)),
    )
