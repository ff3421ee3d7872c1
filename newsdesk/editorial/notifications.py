"""Wagtail's workflow emails ("submitted", "approved", "changes requested"), sent once the
transition that caused them is committed.

Wagtail sends them from signal receivers, in the middle of the transition: a transition
that then fails (and is rolled back) would still have told the author that their story was
approved. Here each notifier is reconnected to run on commit instead.
"""

from functools import partial

from django.db import transaction
from wagtail.admin import signal_handlers as wagtail_notifiers
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

# (signal, sender, the dispatch_uid wagtail.admin.signal_handlers connects it with, notifier)
WORKFLOW_NOTIFIERS = [
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        wagtail_notifiers.task_submission_email_notifier,
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        wagtail_notifiers.workflow_submission_email_notifier,
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        wagtail_notifiers.workflow_rejection_email_notifier,
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        wagtail_notifiers.workflow_approval_email_notifier,
    ),
]


def send_workflow_emails_on_commit():
    for signal, sender, dispatch_uid, notifier in WORKFLOW_NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(
            on_commit(notifier),
            sender=sender,
            weak=False,  # the receiver is a closure: nothing else keeps it alive
            dispatch_uid=f"{dispatch_uid}_on_commit",
        )


def on_commit(notifier):
    def notify_on_commit(sender, **kwargs):
        kwargs.pop("signal", None)
        transaction.on_commit(partial(notifier, sender=sender, **kwargs))

    return notify_on_commit
