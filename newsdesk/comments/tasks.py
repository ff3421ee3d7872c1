from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Comment
from .notifications import reply_notification, should_notify


@task()
def send_reply_notification(reply_id: int):
    """Tell a comment's author, who asked to be told, that someone replied. Sent once."""
    reply = Comment.objects.select_related("parent", "page").filter(pk=reply_id).first()
    if reply is None or not should_notify(reply):
        return False
    with transaction.atomic():
        claimed = Comment.objects.filter(pk=reply.pk, reply_notice_sent_at__isnull=True).update(
            reply_notice_sent_at=timezone.now()
        )
        if not claimed:
            return False
        # A failed send rolls the claim back, so a retry of the task can send it.
        reply_notification(reply).send()
    return True
