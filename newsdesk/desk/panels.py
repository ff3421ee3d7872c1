"""The dashboard's panels: each role's work, each panel only for the roles it concerns, and
only pages the user may see (visibility.py). Wagtail's own panels stay: "Awaiting your
review" for reviewers, "Your pages in a workflow", locked pages and recent edits."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, WorkflowState, get_default_page_content_type
from wagtail.permissions import page_permission_policy

from .stories import story_models
from .visibility import pages_visible_to

ROWS = 10
RECENT = timedelta(days=1)


def page_ids(queryset):
    return [int(pk) for pk in queryset.values_list("object_id", flat=True)]


def today():
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return start, start + timedelta(days=1)


class PageListPanel(Component):
    """A dashboard panel listing pages, each linked to its editor when the user may edit it."""

    template_name = "desk/panels/page_list.html"
    heading = ""
    empty = ""

    def __init__(self, user):
        self.user = user

    @classmethod
    def concerns(cls, user):
        raise NotImplementedError

    def pages(self):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        pages = pages_visible_to(self.user, self.pages()).specific()[:ROWS]
        rows = [(page, page.permissions_for_user(self.user).can_edit()) for page in pages]
        return {"panel": self, "rows": rows}


def writes(user):
    return page_permission_policy.user_has_permission(user, "add")


def publishes(user):
    return page_permission_policy.user_has_permission(user, "publish")


class MyDraftsPanel(PageListPanel):
    name = "desk_my_drafts"
    order = 20
    heading = "My drafts"
    empty = "No drafts: start one with New story."

    concerns = staticmethod(writes)

    def pages(self):
        in_workflow = WorkflowState.objects.active().filter(
            base_content_type=get_default_page_content_type()
        )
        scheduled = Revision.page_revisions.filter(approved_go_live_at__isnull=False)
        return (
            Page.objects.filter(owner=self.user, live=False)
            .exclude(pk__in=page_ids(in_workflow))
            .exclude(pk__in=page_ids(scheduled))
            .order_by("-latest_revision_created_at")
        )


class ReturnedToMePanel(PageListPanel):
    name = "desk_returned_to_me"
    order = 15
    heading = "Returned to me"
    empty = "Nothing returned: no editor has asked for changes."

    concerns = staticmethod(writes)

    def pages(self):
        returned = WorkflowState.objects.filter(
            base_content_type=get_default_page_content_type(),
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            requested_by=self.user,
        )
        return Page.objects.filter(pk__in=page_ids(returned)).order_by(
            "-latest_revision_created_at"
        )


class ScheduledTodayPanel(PageListPanel):
    name = "desk_scheduled_today"
    order = 30
    heading = "Scheduled today"
    empty = "Nothing is scheduled to go live today."

    concerns = staticmethod(publishes)

    def pages(self):
        start, end = today()
        scheduled = Revision.page_revisions.filter(
            approved_go_live_at__gte=start, approved_go_live_at__lt=end
        )
        return Page.objects.filter(pk__in=page_ids(scheduled), live=False).order_by("go_live_at")


class RecentlyPublishedPanel(PageListPanel):
    name = "desk_recently_published"
    order = 40
    heading = "Published in the last 24 hours"  # stories, in the sections the user works in
    empty = "No story published in the last 24 hours."

    concerns = staticmethod(writes)

    def pages(self):
        since = timezone.now() - RECENT
        desk = page_permission_policy.explorable_instances(self.user).values("pk")
        return (
            Page.objects.live()
            .type(*story_models())
            .filter(last_published_at__gte=since, pk__in=desk)
            .order_by("-last_published_at")
        )


PANELS = [ReturnedToMePanel, MyDraftsPanel, ScheduledTodayPanel, RecentlyPublishedPanel]


def panels_for(user):
    return [panel(user) for panel in PANELS if panel.concerns(user)]
