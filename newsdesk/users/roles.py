"""The newsroom's roles, as Wagtail groups and page permissions.

Contributors write drafts in the sections their desk group is given `add_page` on
(see `assign_desk`), and submit them for review. Editors review, publish, unpublish and
schedule across the site, moderate comments and run the live channels. Admins are superusers.
A desk editor, who publishes in one section only, is a Contributor whose desk group is given
EDITOR_PAGE_PERMISSIONS there; reviewing submitted stories stays with the Editors group.
The groups themselves are made by the users app's migration 0002.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

CONTRIBUTORS = "Contributors"
EDITORS = "Editors"
REVIEW_WORKFLOW = "Editorial review"
REVIEW_TASK = "Editor approval"

CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page"]
EDITOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "delete_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]


def assign_desk(group, section, codenames=CONTRIBUTOR_PAGE_PERMISSIONS):
    """Let a group work in one section and the sections below it."""
    for codename in codenames:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename
        )
        GroupPagePermission.objects.get_or_create(group=group, page=section, permission=permission)


def contributors():
    return Group.objects.get(name=CONTRIBUTORS)


def editors():
    return Group.objects.get(name=EDITORS)
