"""The newsroom's roles, declared once: what each role group may do, applied by `migrate`.

Contributors write drafts in the sections their desk group is given `add_page` on
(see `assign_desk`), upload and choose photos, documents and audio, and submit stories
for review. Editors review, publish, unpublish and schedule across the site, correct
stories, set each edition's breaking-news banner and the footer's links (policy pages are
pages, so theirs by the page permissions), manage every asset, moderate comments and run
every edition's live channels. Moderators work the comment queue and nothing else. Admins are superusers.
A desk editor, who publishes in one section only, is a Contributor whose desk group is given
EDITOR_PAGE_PERMISSIONS there; reviewing submitted stories stays with the Editors group.

`apply_roles` makes each role group exactly what ROLES says, after every `migrate` (and in
users migration 0005): give one person more with another group, as desks do, not by editing
a role group in the admin. Assets (ASSET_MODELS) are granted through the permission policy
Wagtail checks for each model, which is not always the model's own permissions: images are
checked against wagtailimages.Image's, on the collection tree.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.contrib.auth import get_permission_codename
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from wagtail.documents import get_document_model_string
from wagtail.hooks import search_for_hooks
from wagtail.images import get_image_model_string
from wagtail.models import GroupPagePermission
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy
from wagtail.permission_policies.collections import CollectionPermissionLookupMixin
from wagtail.permissions import policy_registry

CONTRIBUTORS = "Contributors"
EDITORS = "Editors"
MODERATORS = "Moderators"
REVIEW_WORKFLOW = "Editorial review"
REVIEW_TASK = "Editor approval"

# Every kind of media the newsroom files: a new asset type is one line here.
ASSET_MODELS = [
    get_image_model_string(),
    get_document_model_string(),
    "multimedia.AudioClip",
]

CONTRIBUTOR_PAGE_PERMISSIONS = ["add_page"]
EDITOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "delete_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]


@dataclass(frozen=True)
class Role:
    name: str
    # "app_label.codename", held by the group itself
    permissions: tuple[str, ...] = ()
    # actions on every asset type, wherever its permission policy looks for them; an
    # action a type does not have (audio clips are not "chosen" by permission) is skipped
    asset_actions: tuple[str, ...] = ()
    # codenames on the whole site's page tree
    page_permissions: tuple[str, ...] = ()


ROLES = [
    Role(
        CONTRIBUTORS,
        permissions=("wagtailadmin.access_admin", "news.view_author", "taggit.view_tag"),
        asset_actions=("add", "choose"),
    ),
    Role(
        EDITORS,
        permissions=(
            "wagtailadmin.access_admin",
            *(f"news.{action}_author" for action in ("add", "change", "delete", "view")),
            *(f"taggit.{action}_tag" for action in ("add", "change", "delete", "view")),
            "comments.moderate_comment",
            *(f"live.{action}_livechannel" for action in ("add", "change", "delete")),
            "core.change_breakingnews",
            "about.change_footersettings",
        ),
        asset_actions=("add", "change", "delete", "choose"),
        page_permissions=tuple(EDITOR_PAGE_PERMISSIONS),
    ),
    Role(MODERATORS, permissions=("wagtailadmin.access_admin", "comments.moderate_comment")),
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


def moderators():
    return Group.objects.get(name=MODERATORS)


# --- what the policies check -------------------------------------------------------------


@dataclass(frozen=True)
class AssetGrant:
    """One permission as a policy checks it: on the group, or on the root collection."""

    app_label: str
    codename: str
    on_collections: bool


def asset_policy(model_label):
    search_for_hooks()  # policies are registered in wagtail_hooks modules
    policy = policy_registry.get_by_type(global_apps.get_model(model_label))
    if not isinstance(policy, BaseDjangoAuthPermissionPolicy):
        raise ImproperlyConfigured(
            f"{model_label}'s permission policy ({type(policy).__name__}) does not check "
            "Django permissions, so a role cannot be granted it in newsdesk/users/roles.py."
        )
    return policy


def asset_grants(actions):
    for model_label in ASSET_MODELS:
        policy = asset_policy(model_label)
        meta = policy.auth_model._meta
        known = {get_permission_codename(action, meta) for action in meta.default_permissions}
        known |= {codename for codename, _ in meta.permissions}
        on_collections = isinstance(policy, CollectionPermissionLookupMixin)
        for codename in [get_permission_codename(action, meta) for action in actions]:
            if codename in known:
                yield AssetGrant(meta.app_label, codename, on_collections)


# --- applying them -----------------------------------------------------------------------


def apply_roles(apps=global_apps):
    """Make every role group exactly what ROLES declares: with the real models after
    `migrate`, or with a migration's historical ones, where a permission of a model that a
    later migration creates is left for the `migrate` to finish."""
    create_all_permissions(apps)
    permissions = Permissions(apps, strict=apps is global_apps)
    for role in ROLES:
        apply_role(apps, role, permissions)


def create_all_permissions(apps):
    # Django makes each app's permissions after that app has migrated; all are needed now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True  # a migration's app states have none
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module


class Permissions:
    def __init__(self, apps, strict):
        self.model = apps.get_model("auth.Permission")
        self.strict = strict

    def get(self, names):
        found = []
        for app_label, codename in names:
            lookup = {"content_type__app_label": app_label, "codename": codename}
            permission = self.model.objects.filter(**lookup).first()
            if permission is None and self.strict:
                raise ImproperlyConfigured(
                    f"No permission {app_label}.{codename} (newsdesk/users/roles.py)"
                )
            found += [permission] if permission else []
        return found


def apply_role(apps, role, permissions):
    group, _ = apps.get_model("auth.Group").objects.get_or_create(name=role.name)
    grants = list(asset_grants(role.asset_actions))
    on_group = [label.split(".", 1) for label in role.permissions]
    on_group += [(g.app_label, g.codename) for g in grants if not g.on_collections]
    group.permissions.set(permissions.get(on_group))
    on_collections = permissions.get(
        [(g.app_label, g.codename) for g in grants if g.on_collections]
    )
    set_tree_permissions(apps, group, "Collection", on_collections)
    on_pages = permissions.get([("wagtailcore", codename) for codename in role.page_permissions])
    set_tree_permissions(apps, group, "Page", on_pages)


def set_tree_permissions(apps, group, tree, wanted):
    """The group's permissions at the root of the collection or page tree, and nowhere else."""
    model = apps.get_model("wagtailcore", f"Group{tree}Permission")
    field = tree.lower()
    root = apps.get_model("wagtailcore", tree).objects.filter(depth=1).first()
    wanted = wanted if root else []  # a database emptied by `flush` has no tree
    model.objects.filter(group=group).exclude(**{field: root, "permission__in": wanted}).delete()
    for permission in wanted:
        model.objects.get_or_create(group=group, permission=permission, **{field: root})
