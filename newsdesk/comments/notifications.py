"""Reply notification emails and their one-click unsubscribe links.

The unsubscribe token is the comment's id, signed (django.core.signing): no address
appears in the link, and a token cannot be forged or pointed at someone else's comment.
Unsubscribing stops reply emails for every comment written from that address.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Comment

UNSUBSCRIBE_SALT = "newsdesk.comments.unsubscribe"


def unsubscribe_token(comment):
    return signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def comment_for_unsubscribe_token(token):
    try:
        comment_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Comment.objects.filter(pk=comment_id).first()


def do_unsubscribe(comment):
    """Stop reply emails for every comment from this comment's address."""
    if not comment.author_email:
        return 0
    return Comment.objects.filter(
        author_email__iexact=comment.author_email, notify_on_reply=True
    ).update(notify_on_reply=False)


def should_notify(reply):
    parent = reply.parent
    return (
        parent is not None
        and reply.state == Comment.State.APPROVED
        and parent.state == Comment.State.APPROVED
        and parent.notify_on_reply
        and bool(parent.author_email)
        # Nobody needs an email about their own reply.
        and parent.author_email.casefold() != (reply.author_email or "").casefold()
    )


def site_root_url(page):
    site = page.get_site()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def reply_notification(reply):
    parent, page = reply.parent, reply.page
    root = site_root_url(page)
    comment_url = (
        root
        + reverse("comments:thread", args=[page.pk])
        + f"?comment={reply.pk}#comment-{reply.pk}"
    )
    unsubscribe_url = root + reverse("comments:unsubscribe", args=[unsubscribe_token(parent)])
    context = {
        "reply": reply,
        "parent": parent,
        "article": page,
        "comment_url": comment_url,
        "unsubscribe_url": unsubscribe_url,
    }
    return EmailMessage(
        subject=f"{reply.author_name} replied to your comment on “{page.title}”",
        body=render_to_string("comments/email/reply_notification.txt", context),
        to=[parent.author_email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            # RFC 8058: mail apps may unsubscribe with one POST, no page to visit.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
