"""Which tasks are urgent, said once for both task backends.

NEWSDESK_TASK_QUEUES names, by module path, the tasks that belong to a queue other than
"default": every front-end cache purge to "purge", photo renditions to "media". On RQ (the
multi-node profile) they are queues of their own (rq.py); in the database queue (the
embedded default and `make prod`) there is one queue, and each task gets its queue's
NEWSDESK_TASK_PRIORITIES instead, which the worker takes highest first (database.py).
Either way a purge after a publish waits for no backlog of photos.
"""

from django.conf import settings
from django_tasks.base import DEFAULT_TASK_PRIORITY, DEFAULT_TASK_QUEUE_NAME


def queue_for(task):
    """The queue a task is sent to: its own when it names one, else the one
    NEWSDESK_TASK_QUEUES gives its module path, else "default"."""
    if task.queue_name != DEFAULT_TASK_QUEUE_NAME:
        return task.queue_name
    routes = getattr(settings, "NEWSDESK_TASK_QUEUES", {})
    return routes.get(task.module_path, DEFAULT_TASK_QUEUE_NAME)


def priority_for(task):
    """A task's own priority when it sets one, else its queue's."""
    if task.priority != DEFAULT_TASK_PRIORITY:
        return task.priority
    priorities = getattr(settings, "NEWSDESK_TASK_PRIORITIES", {})
    return priorities.get(queue_for(task), DEFAULT_TASK_PRIORITY)
