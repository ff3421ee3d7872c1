"""The reader-facing comment URLs. The article page itself carries none of this: its HTML is
the same for every reader (so a full-page cache can serve it), and it fetches the comment
count, the list and the form from here. Everything per reader is sent `private, no-store`.
"""

from functools import wraps
from http.cookies import SimpleCookie

from django.conf import settings
from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Site

from newsdesk.core.client_address import client_address
from newsdesk.core.ids import parse_id
from newsdesk.news.models import ArticlePage

from .actions import Submission, check_post_comment
from .conf import comment_settings
from .form_tokens import is_usable, issue_form_token
from .forms import HONEYPOT_FIELD, CommentForm
from .models import Comment
from .moderation import PRE, rules_for
from .notifications import comment_for_unsubscribe_token, do_unsubscribe
from .spam import CommentRefused

OWN_COMMENTS_COOKIE = "newsdesk_comments_mine"
OWN_COMMENTS_SALT = "newsdesk.comments.mine"
OWN_COMMENTS_MAX_AGE = 30 * 24 * 60 * 60
COUNT_MAX_AGE = 30


def get_article(page_id):
    return get_object_or_404(
        ArticlePage.objects.visible_to_readers().select_related("locale"), pk=page_id
    )


def in_the_articles_language(view):
    """/comments/ URLs carry no edition prefix, so the language is the article's: the list,
    the form, its errors and the count's words speak its edition's language. The view
    is given the article (a 404 if readers may not see it)."""

    @wraps(view)
    def speaking(request, page_id):
        article = get_article(page_id)
        code = article.locale.language_code
        with translation.override(code):
            response = view(request, article)
        response.headers["Content-Language"] = code
        return response

    return speaking


def count_label(count):
    """The count in the active language's words and digit grouping: "12 Comments"."""
    return ngettext("%(count)s Comment", "%(count)s Comments", count) % {
        "count": number_format(count, force_grouping=True)
    }


# --- the reader's own comments -----------------------------------------------------------


def own_comment_ids(request):
    """Ids of comments this browser posted: only they see them while awaiting moderation.

    A signed cookie scoped to /comments/, so article pages never receive it and stay
    cacheable; it holds ids only, the comments themselves are in the database."""
    try:
        value = request.get_signed_cookie(
            OWN_COMMENTS_COOKIE, salt=OWN_COMMENTS_SALT, max_age=OWN_COMMENTS_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return []
    return [pk for pk in map(parse_id, value.split(",")) if pk is not None]


def remember_own_comment(request, response, comment):
    ids = [comment.pk, *(pk for pk in own_comment_ids(request) if pk != comment.pk)]
    response.set_signed_cookie(
        OWN_COMMENTS_COOKIE,
        ",".join(str(pk) for pk in ids[: comment_settings.REMEMBER_OWN_COMMENTS]),
        salt=OWN_COMMENTS_SALT,
        max_age=OWN_COMMENTS_MAX_AGE,
        path=reverse("comments:root"),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


# --- the CSRF cookie ---------------------------------------------------------------------


def csrf_cookie_scoped_to_comments(view):
    """Send the form's CSRF cookie for /comments/ only, not for the whole site.

    Django sets it on "/" (CSRF_COOKIE_PATH), where it would follow the reader to every
    page and take them out of the page cache and Varnish, which pass anyone holding one.
    Set here first, CsrfViewMiddleware leaves it alone (CSRF_COOKIE_NEEDS_UPDATE is
    cleared); the form posts to /comments/, so the cookie still comes back with it.
    A reader who still holds one on "/" (set before it was scoped) has it moved here."""

    @wraps(view)
    def scoped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if settings.CSRF_USE_SESSIONS:
            return response
        held = settings.CSRF_COOKIE_NAME in request.COOKIES
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or held:
            set_scoped_csrf_cookie(request, response)
        if held:
            expire_site_wide_csrf_cookie(response)
        return response

    return scoped


def set_scoped_csrf_cookie(request, response):
    # The value the form was rendered with: a reader whose "/" cookie is expired below
    # posts with this one.
    response.set_cookie(
        settings.CSRF_COOKIE_NAME,
        request.META["CSRF_COOKIE"],
        max_age=settings.CSRF_COOKIE_AGE,
        domain=settings.CSRF_COOKIE_DOMAIN,
        path=reverse("comments:root"),
        secure=settings.CSRF_COOKIE_SECURE,
        httponly=settings.CSRF_COOKIE_HTTPONLY,
        samesite=settings.CSRF_COOKIE_SAMESITE,
    )
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    patch_vary_headers(response, ("Cookie",))


def expire_site_wide_csrf_cookie(response):
    """Delete a CSRF cookie on "/" beside the one just set on /comments/.

    response.cookies holds one cookie per name, so this one goes out as a header of its
    own; Django's WSGI and ASGI handlers send the headers and then every cookie."""
    expired = SimpleCookie()
    expired[settings.CSRF_COOKIE_NAME] = ""
    morsel = expired[settings.CSRF_COOKIE_NAME]
    morsel.update({"path": "/", "max-age": 0, "expires": "Thu, 01 Jan 1970 00:00:00 GMT"})
    if settings.CSRF_COOKIE_DOMAIN:
        morsel["domain"] = settings.CSRF_COOKIE_DOMAIN
    response.headers["Set-Cookie"] = morsel.OutputString()


# --- the list and the form ---------------------------------------------------------------


def visible_comments(request, article):
    return Comment.objects.filter(page=article).visible_to(own_comment_ids(request), request.user)


def thread_ordering(order):
    return ("created_at", "pk") if order == "oldest" else ("-created_at", "-pk")


def page_number_for(request, threads, order):
    """The page of threads holding ?comment=<id>, so "back to the comment" lands on it."""
    comment_id = parse_id(request.GET.get("comment"))
    if comment_id is None:
        return request.GET.get("page")
    comment = Comment.objects.filter(pk=comment_id).only("thread", "created_at").first()
    if comment is None:
        return None
    root = comment
    if comment.thread_id:
        root = Comment.objects.only("created_at").get(pk=comment.thread_id)
    after = "lt" if order == "oldest" else "gt"
    ahead = threads.filter(
        Q(**{f"created_at__{after}": root.created_at})
        | Q(created_at=root.created_at, **{f"pk__{after}": root.pk})
    )
    return ahead.count() // comment_settings.THREADS_PER_PAGE + 1


def build_tree(threads, replies):
    """Hang each reply under its parent; a reply whose parent is hidden is hidden too."""
    by_id = {comment.pk: comment for comment in threads}
    for comment in threads:
        comment.children = []
    for reply in replies:  # oldest first, so a parent is always placed before its replies
        reply.children = []
        parent = by_id.get(reply.parent_id)
        if parent is not None:
            parent.children.append(reply)
            by_id[reply.pk] = reply
    return threads


def thread_context(request, article, *, form=None):
    site = Site.find_for_request(request) or article.get_site()
    rules = rules_for(article, site)
    order = "oldest" if request.GET.get("order") == "oldest" else "newest"
    visible = visible_comments(request, article)
    threads = visible.filter(parent__isnull=True).order_by(*thread_ordering(order))
    paginator = Paginator(threads, comment_settings.THREADS_PER_PAGE)
    page = paginator.get_page(page_number_for(request, threads, order))
    roots = list(page.object_list)
    replies = visible.filter(thread__in=[root.pk for root in roots]).order_by("created_at", "pk")
    reply_to = reply_target(request, article)
    posted = posted_comment(request, visible)
    if form is None:
        form = CommentForm(user=request.user, initial={"parent": reply_to.pk if reply_to else None})
    can_post = rules.is_open and not (rules.require_sign_in and not request.user.is_authenticated)
    return {
        "article": article,
        "rules": rules,
        "is_pre_moderated": rules.moderation == PRE,
        "can_post": can_post,
        "form_token": form_token_for(article, form) if can_post else "",
        "count": Comment.objects.filter(page=article).approved().count(),
        "threads": build_tree(roots, list(replies)),
        "page_obj": page,
        "order": order,
        "form": form,
        "honeypot": form[HONEYPOT_FIELD],
        "reply_to": reply_to,
        "posted_notice": posted_message(posted) if posted else None,
        "max_depth": comment_settings.MAX_DEPTH,
        "thread_url": reverse("comments:thread", args=[article.pk]),
        "fragment_url": reverse("comments:fragment", args=[article.pk]),
        "post_url": reverse("comments:post", args=[article.pk]),
        "login_url": resolve_url(comment_settings.LOGIN_URL)
        + "?next="
        + reverse("comments:thread", args=[article.pk]),
    }


def form_token_for(article, form):
    """A fresh token for a new form; a form sent back keeps its own while it is usable,
    so the time it was served still counts."""
    key = form.data.get("form_token", "") if form.is_bound else ""
    if key and is_usable(key, article):
        return key
    return issue_form_token(article)


def posted_comment(request, visible):
    """The reader's own comment they were just sent back to, to thank them for it."""
    comment_id = parse_id(request.GET.get("comment"))
    if request.GET.get("posted") != "1" or comment_id is None:
        return None
    if comment_id not in own_comment_ids(request):
        return None
    return visible.filter(pk=comment_id).first()


def reply_target(request, article):
    reply_to = parse_id(request.GET.get("reply_to") or request.POST.get("parent"))
    if reply_to is None:
        return None
    return Comment.objects.approved().filter(page=article, pk=reply_to).first()


@require_GET
@never_cache
@csrf_cookie_scoped_to_comments
@in_the_articles_language
def thread(request, article):
    """The whole conversation on its own page: works without JavaScript."""
    return render(request, "comments/thread_page.html", thread_context(request, article))


@require_GET
@never_cache
@csrf_cookie_scoped_to_comments
@in_the_articles_language
def fragment(request, article):
    """The same list and form, without the page around it, for the article's script."""
    return render(request, "comments/includes/thread.html", thread_context(request, article))


@require_GET
@in_the_articles_language
def count(request, article):
    """The published-comment count: the same for every reader, so briefly cacheable."""
    approved = Comment.objects.filter(page=article).approved().count()
    response = JsonResponse({"count": approved, "label": count_label(approved)})
    patch_cache_control(response, public=True, max_age=COUNT_MAX_AGE)
    return response


# --- posting ------------------------------------------------------------------------------


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def submission_from(request, article, form):
    name, email = form.author()
    parent_id = form.cleaned_data.get("parent")
    parent = None
    if parent_id:
        parent = Comment.objects.select_related("parent").filter(pk=parent_id).first()
        if parent is None:
            raise CommentRefused(gettext("The comment you replied to is no longer available."))
    return Submission(
        page=article,
        body=form.cleaned_data["body"],
        author_name=name,
        author_email=email,
        user=request.user,
        parent=parent,
        notify_on_reply=form.cleaned_data["notify_on_reply"],
        ip_address=client_address(request),
        user_agent=request.headers.get("User-Agent", ""),
        honeypot=form.cleaned_data.get(HONEYPOT_FIELD, ""),
        form_token=form.cleaned_data["form_token"],
    )


@require_POST
@never_cache
@csrf_cookie_scoped_to_comments
@in_the_articles_language
def post_comment(request, article):
    form = CommentForm(request.POST, user=request.user)
    if not form.is_valid():
        return form_refused(request, article, form, status=400)
    site = Site.find_for_request(request) or article.get_site()
    try:
        comment = check_post_comment(
            submission_from(request, article, form), rules_for(article, site)
        )
    except CommentRefused as refusal:
        form.add_error(None, refusal.message)
        return form_refused(
            request, article, form, status=refusal.status, retry_after=refusal.retry_after
        )
    response = comment_posted(request, article, comment)
    remember_own_comment(request, response, comment)
    return response


def posted_message(comment):
    if comment.state == Comment.State.PENDING:
        return gettext(
            "Thank you. Your comment is awaiting moderation: only you can see it until a "
            "moderator approves it."
        )
    return gettext("Thank you. Your comment is published.")


def comment_posted(request, article, comment):
    if wants_json(request):
        comment.children = []
        html = render_to_string(
            "comments/includes/comment.html",
            {
                "comment": comment,
                "can_post": True,
                "max_depth": comment_settings.MAX_DEPTH,
                "thread_url": reverse("comments:thread", args=[article.pk]),
            },
            request=request,
        )
        approved = Comment.objects.filter(page=article).approved().count()
        return JsonResponse(
            {
                "id": comment.pk,
                "parent": comment.parent_id,
                "pending": comment.state == Comment.State.PENDING,
                "html": html,
                "message": posted_message(comment),
                "count": approved,
                "count_label": count_label(approved),
                # For the reader's next comment from the same form: this one is spent.
                "form_token": issue_form_token(article),
            },
            status=201,
        )
    # The thank-you rides on the URL, not in a messages cookie: a cookie on "/" would
    # follow the reader to every article page and defeat its cache.
    url = reverse("comments:thread", args=[article.pk])
    return redirect(f"{url}?comment={comment.pk}&posted=1#comment-{comment.pk}")


def form_refused(request, article, form, *, status, retry_after=None):
    """The form again, with the reason and everything the reader typed."""
    context = thread_context(request, article, form=form)
    if wants_json(request):
        html = render_to_string("comments/includes/form.html", context, request=request)
        response = JsonResponse({"form": html}, status=status)
    else:
        response = render(request, "comments/thread_page.html", context, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


# --- reply emails -------------------------------------------------------------------------


@csrf_exempt  # RFC 8058 one-click: mail apps POST here without a form; the token is the key
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe(request, token):
    comment = comment_for_unsubscribe_token(token)
    if comment is None:
        raise Http404("This unsubscribe link is not valid.")
    # In the language of the article the comment is on, as the email was.
    with translation.override(comment.page.locale.language_code):
        if request.method == "POST":
            do_unsubscribe(comment)
            return render(request, "comments/unsubscribed.html", {"comment": comment})
        # A GET only asks: link scanners in mail systems follow links, and must not
        # unsubscribe.
        return render(request, "comments/unsubscribe.html", {"comment": comment, "token": token})
