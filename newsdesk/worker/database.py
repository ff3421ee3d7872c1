"""The database queue (django-tasks-db), by urgency: a task goes in with its queue's
priority (routing.py), and run_worker takes the highest first, then the oldest."""

from django_tasks_db import DatabaseBackend

from .routing import priority_for


class PrioritisedDatabaseBackend(DatabaseBackend):
    def enqueue(self, task, args, kwargs):
        priority = priority_for(task)
        if priority != task.priority:
            task = task.using(priority=priority)
        return super().enqueue(task, args, kwargs)
