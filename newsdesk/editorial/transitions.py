"""The admin requests that change what readers see of a page, and what each must find
unchanged before it may act.

Wagtail's page views read the page, then act on what they read. Two of them at once on one
story act on the same read: an approval publishes the story, and a second approval (or an
autosave) begun before it commits writes its stale copy of the page row back, "never
published", then fails with a 500. middleware.py runs each request named here in one
transaction that first locks the rows of the pages it names (SELECT ... FOR UPDATE), so
the second waits and then reads what the first committed; `refusal()` then compares what
the user saw (the revision they loaded, the task they act on) with what is there now, and
turns a request that no longer makes sense into a message instead of an action.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.permissions import page_permission_policy

from newsdesk.desk.visibility import is_page_id

# The edit form's buttons, in the order Wagtail's EditView tries them; none is a save.
EDIT_ACTIONS = [
    ("action-publish", "publish"),
    ("action-submit", "submit"),
    ("action-restart-workflow", "restart"),
    ("action-workflow-action", "workflow"),
    ("action-cancel-workflow", "cancel"),
]
VERBS = {
    "publish": _("publish it"),
    "submit": _("submit it"),
    "restart": _("resubmit it"),
    "workflow": _("act on its review"),
    "cancel": _("cancel its review"),
}


@dataclass(frozen=True)
class Refusal:
    """Why a request was not carried out, and the page the user should look at again."""

    message: str
    page_id: int


def guarded_page_ids(request, view_name, kwargs):
    """The pages whose rows a POST to this admin view must lock, or None if it changes no
    page's publication (or is not a POST)."""
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    if view_name in PAGE_VIEWS:
        # One page, which the user may see (desk's PageVisibilityMiddleware ran first); a
        # reviewer may act on it with no page permission.
        page_id = kwargs[PAGE_VIEWS[view_name]]
        return [int(page_id)] if is_page_id(page_id) else None
    if view_name == "wagtail_bulk_action" and is_page_model(kwargs):
        return actable_page_ids(request.user, bulk_page_ids(request))
    return None


def actable_page_ids(user, page_ids):
    """Of `page_ids`, those the user has a page permission on: a bulk action may hold the
    rows of no other page (a contributor's "publish all" does not stop the newsroom)."""
    page_ids = [int(pk) for pk in page_ids if is_page_id(pk)]
    if not page_ids:
        return []
    pages = Page.objects.filter(pk__in=page_ids)
    if not (user.is_superuser and user.is_active):
        permitted = page_permission_policy.instances_user_has_any_permission_for(
            user, ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
        )
        pages = pages.filter(pk__in=permitted.values("pk"))
    return list(pages.values_list("pk", flat=True))


def is_page_model(kwargs):
    return (kwargs.get("app_label"), kwargs.get("model_name")) == ("wagtailcore", "page")


def bulk_page_ids(request):
    ids = request.GET.getlist("id")
    if "all" in ids:
        # "Select all" in a listing: every page below the one listed.
        parent_id = request.GET.get("childOf", "")
        parent = Page.objects.filter(pk=parent_id).first() if is_page_id(parent_id) else None
        pages = parent.get_descendants() if parent else Page.objects.filter(depth__gt=1)
        return list(pages.values_list("pk", flat=True))
    return ids


def lock_pages(page_ids):
    """Lock the pages' rows until the transaction ends, always in one order (no deadlock
    between two bulk actions)."""
    locked = Page.objects.select_for_update().filter(pk__in=page_ids).order_by("pk")
    return list(locked.values_list("pk", flat=True))


def refusal(request, view_name, kwargs):
    """Under the lock: a Refusal if what the user acted on has changed, else None."""
    check = CHECKS.get(view_name)
    if check is None:
        return None
    page = Page.objects.filter(pk=kwargs["page_id"]).first()
    if page is None:
        return None  # the view answers 404
    if not may_be_told(request.user, page):
        return None  # the view refuses them itself, without naming the page
    message = check(request, page, kwargs)
    return Refusal(message, page.pk) if message else None


def may_be_told(user, page):
    """Whether the user may read what a refusal says about the page (its title, who acted
    on it): those who may edit or publish it, and its current reviewers."""
    if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return False
    permissions = page.permissions_for_user(user)
    if permissions.can_edit() or permissions.can_publish():
        return True
    task_state = page.current_workflow_task_state
    return task_state is not None and bool(task_state.task.specific.get_actions(page, user))


# --- the edit view (and revert, which is the edit view on an older revision) ------------


def check_edit(request, page, kwargs):
    action = posted_action(request.POST)
    if action is None:
        return None  # a save or autosave: Wagtail's own check sees the fresh revision now
    if action == "workflow" and page.current_workflow_task_state is None:
        return decided_message(page, last_finished_task_state(page))
    newer = newer_revision(request.POST, page)
    if newer is not None:
        return changed_message(page, newer, VERBS[action])
    if action == "workflow":
        return check_workflow_step(request, page)
    if action in ("restart", "cancel") and page.current_workflow_state is None:
        return not_in_review_message(page)  # finished or cancelled meanwhile
    if action == "submit" and in_review(page):
        return already_in_review_message(page)
    return None


def posted_action(post):
    for field, action in EDIT_ACTIONS:
        if post.get(field):
            return action
    return None


def newer_revision(post, page):
    """The latest revision if it is not the one the user's form was loaded from (the test
    Wagtail's EditView makes for autosaves only), else None."""
    latest = page.get_latest_revision()
    if latest is None:
        return None
    overwritten = post.get("overwrite_revision_id")
    loaded = post.get("loaded_revision_id")
    if overwritten:
        return latest if overwritten != str(latest.pk) else None
    if not loaded:
        return None  # nothing to compare with: as Wagtail, assume up to date
    seen_at = post.get("loaded_revision_created_at", "")
    if loaded != str(latest.pk) or seen_at != latest.created_at.isoformat():
        return latest
    return None


def check_workflow_step(request, page):
    task_state = page.current_workflow_task_state
    action = request.POST.get("workflow-action-name")
    offered = [
        name for name, _label, _modal in task_state.task.specific.get_actions(page, request.user)
    ]
    if action not in offered:
        return _("You can not do that to “%(title)s” at this step of its review.") % {
            "title": page.get_admin_display_title()
        }
    return None


def in_review(page):
    state = page.current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


# --- the review's own action URL (dashboard, "Approve" in the listing, the modal) --------


def check_task_action(request, page, kwargs):
    task_state = TaskState.objects.filter(pk=kwargs["task_state_id"]).first()
    if task_state is None:
        return None  # the view answers 404
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return decided_message(page, task_state)
    if page.current_workflow_task_state != task_state:
        return not_in_review_message(page)
    return None


# --- unpublish and unschedule -----------------------------------------------------------


def check_unpublish(request, page, kwargs):
    if not page.live:
        return _("“%(title)s” is not live: someone unpublished it already.") % {
            "title": page.get_admin_display_title()
        }
    return None


def check_unschedule(request, page, kwargs):
    revision = page.revisions.filter(pk=kwargs["revision_id"]).first()
    if revision is not None and revision.approved_go_live_at is None:
        return _(
            "That version of “%(title)s” is no longer scheduled: it was published or "
            "unscheduled meanwhile."
        ) % {"title": page.get_admin_display_title()}
    return None


# --- messages ---------------------------------------------------------------------------


def changed_message(page, newer, verb):
    return _(
        "“%(title)s” changed while you were looking at it (%(who)s saved a newer version). "
        "Look again before you %(verb)s."
    ) % {"title": page.get_admin_display_title(), "who": name_of(newer.user), "verb": verb}


def decided_message(page, task_state):
    title = page.get_admin_display_title()
    if task_state is None:
        return not_in_review_message(page)
    who = name_of(task_state.finished_by)
    if task_state.status == TaskState.STATUS_APPROVED:
        text = _("“%(title)s” was already approved by %(who)s.")
    elif task_state.status == TaskState.STATUS_REJECTED:
        text = _("“%(title)s” was already sent back for changes by %(who)s.")
    elif task_state.status == TaskState.STATUS_CANCELLED:
        text = _("The review of “%(title)s” was cancelled or restarted by %(who)s; look again.")
    else:
        return not_in_review_message(page)
    return text % {"title": title, "who": who}


def not_in_review_message(page):
    return _("“%(title)s” is no longer in review; look again.") % {
        "title": page.get_admin_display_title()
    }


def already_in_review_message(page):
    state = page.current_workflow_state
    return _("“%(title)s” was already submitted for review by %(who)s.") % {
        "title": page.get_admin_display_title(),
        "who": name_of(state.requested_by),
    }


def last_finished_task_state(page):
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type=page.get_base_content_type(),
            workflow_state__object_id=str(page.pk),
            finished_at__isnull=False,
        )
        .order_by("-finished_at")
        .first()
    )


def name_of(user):
    if user is None:
        return _("someone")
    return user.get_full_name() or user.get_username()


# View name: the URL's argument naming the page.
PAGE_VIEWS = {
    # Publish, schedule, submit, approve, request changes, resubmit, cancel, save, autosave.
    "wagtailadmin_pages:edit": "page_id",
    "wagtailadmin_pages:revisions_revert": "page_id",
    "wagtailadmin_pages:workflow_action": "page_id",
    "wagtailadmin_pages:unpublish": "page_id",
    "wagtailadmin_pages:revisions_unschedule": "page_id",
    "wagtailadmin_pages:delete": "page_id",
    "wagtailadmin_pages:move_confirm": "page_to_move_id",
    "wagtailadmin_pages:convert_alias": "page_id",
    "wagtailadmin_pages:set_privacy": "page_id",
    "wagtailadmin_pages:lock": "page_id",
    "wagtailadmin_pages:unlock": "page_id",
}
CHECKS = {
    "wagtailadmin_pages:edit": check_edit,
    "wagtailadmin_pages:revisions_revert": check_edit,
    "wagtailadmin_pages:workflow_action": check_task_action,
    "wagtailadmin_pages:unpublish": check_unpublish,
    "wagtailadmin_pages:revisions_unschedule": check_unschedule,
}
