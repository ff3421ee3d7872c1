from django.contrib.auth.models import Permission
from django.http import Http404
from django.urls import path
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from newsdesk.desk.visibility import pages_visible_to

from . import admin_views
from .admin_views import ModeratorPermissionPolicy, can_moderate
from .models import Ban, BlockedTerm, CommentPolicy

for model in (CommentPolicy, Ban, BlockedTerm):
    register_permission_policy(model, ModeratorPermissionPolicy(model))


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


class ModerationQueueViewSet(ViewSet):
    name = "comments_moderation"
    url_prefix = "comments"
    icon = "comment"
    menu_label = "Moderation queue"

    def get_urlpatterns(self):
        return [
            path("", admin_views.queue, name="queue"),
            path("moderate/", admin_views.moderate, name="moderate"),
            path("<id:pk>/edit/", admin_views.edit, name="edit"),
            path("<id:pk>/reply/", admin_views.reply, name="reply"),
        ]

    def get_menu_item(self, order=None):
        return ModeratorMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name="comments-queue",
            icon_name=self.icon,
            order=self.get_menu_item_order(order),
        )


class CommentPolicyIndexView(generic.IndexView):
    def get_base_queryset(self):
        pages = pages_visible_to(self.request.user)
        return super().get_base_queryset().filter(page__in=pages)


class OnAVisiblePage:
    """A comment rules view that answers 404 for rules of a page the user may not see: the
    rules name their page (desk/visibility.py)."""

    def get_object(self, *args, **kwargs):
        rules = super().get_object(*args, **kwargs)
        if not pages_visible_to(self.request.user).filter(pk=rules.page_id).exists():
            raise Http404("No comment rules match the given query.")
        return rules


def on_a_visible_page(view_class):
    return type(f"CommentPolicy{view_class.__name__}", (OnAVisiblePage, view_class), {})


class CommentPolicyViewSet(ModelViewSet):
    model = CommentPolicy
    index_view_class = CommentPolicyIndexView
    edit_view_class = on_a_visible_page(generic.EditView)
    delete_view_class = on_a_visible_page(generic.DeleteView)
    history_view_class = on_a_visible_page(HistoryView)
    usage_view_class = on_a_visible_page(UsageView)
    copy_view_class = on_a_visible_page(generic.CopyView)
    inspect_view_class = on_a_visible_page(generic.InspectView)
    icon = "cog"
    menu_label = "Comment rules"
    url_prefix = "comments/rules"
    name = "comment_rules"
    list_display = ["page", "comments_closed", "moderation"]
    list_filter = ["comments_closed", "moderation"]
    search_fields = ["page__title"]
    form_fields = ["page", "comments_closed", "moderation"]


class BlockedTermViewSet(ModelViewSet):
    model = BlockedTerm
    icon = "warning"
    menu_label = "Blocked terms"
    url_prefix = "comments/blocked-terms"
    name = "comment_blocked_terms"
    list_display = ["term", "created_at"]
    search_fields = ["term"]
    form_fields = ["term"]


class BanViewSet(ModelViewSet):
    model = Ban
    icon = "lock"
    menu_label = "Bans"
    url_prefix = "comments/bans"
    name = "comment_bans"
    list_display = ["value", "kind", "reason", "created_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value", "reason"]
    form_fields = ["kind", "value", "reason"]


class CommentsViewSetGroup(ViewSetGroup):
    menu_label = "Comments"
    menu_icon = "comment"
    menu_order = 250
    items = (ModerationQueueViewSet, CommentPolicyViewSet, BlockedTermViewSet, BanViewSet)


@hooks.register("register_admin_viewset")
def register_comments_admin():
    return CommentsViewSetGroup()


@hooks.register("register_permissions")
def register_moderate_permission():
    return Permission.objects.filter(
        content_type__app_label="comments", codename="moderate_comment"
    )


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    actions.register_action("comments.approve", "Approve comment", "Approved comment")
    actions.register_action("comments.reject", "Reject comment", "Rejected comment")
    actions.register_action("comments.spam", "Mark comment as spam", "Marked comment as spam")
    actions.register_action("comments.edit", "Edit comment", "Edited comment")
    actions.register_action(
        "comments.newsroom_reply", "Reply as the newsroom", "Replied as the newsroom"
    )
    actions.register_action("comments.ban", "Ban commenter", "Banned a commenter")


class CommentsDashboardPanel(Component):
    name = "comments_moderation"
    template_name = "comments/admin/dashboard_panel.html"
    order = 90  # above the page panels: comments waiting is time-critical

    def get_context_data(self, parent_context):
        return {"counts": admin_views.dashboard_counts()}


@hooks.register("construct_homepage_panels")
def add_comments_panel(request, panels):
    if can_moderate(request.user):
        panels.append(CommentsDashboardPanel())
