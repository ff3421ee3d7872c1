"""Turn Wagtail's default groups into the newsroom's roles.

Wagtail's "Editors" (add and change pages anywhere) become Contributors with no page
permissions of their own: a desk group grants them sections. Wagtail's "Moderators"
become Editors, and the default "Moderators approval" workflow becomes the editorial
review that every story in the site goes through.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTOR_MODEL_PERMISSIONS = {
    ("news", "author"): ["view"],
    ("taggit", "tag"): ["view"],
}
EDITOR_MODEL_PERMISSIONS = {
    ("news", "author"): ["add", "change", "delete", "view"],
    ("taggit", "tag"): ["add", "change", "delete", "view"],
}
EDITOR_PAGE_PERMISSIONS = [
    "add_page", "change_page", "delete_page", "publish_page", "lock_page", "unlock_page",
]
IMAGE_PERMISSIONS = {
    "Contributors": ["add_customimage", "choose_image"],
    "Editors": ["add_customimage", "change_customimage", "delete_customimage", "choose_image"],
}
DOCUMENT_PERMISSIONS = {
    "Contributors": ["add_document", "choose_document"],
    "Editors": ["add_document", "change_document", "delete_document", "choose_document"],
}


def ensure_permissions(apps):
    # Permissions are made after migrations by a signal; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def rename_or_create(Group, old_name, new_name):
    group = Group.objects.filter(name=new_name).first() or Group.objects.filter(name=old_name).first()
    if group is None:
        return Group.objects.create(name=new_name)
    group.name = new_name
    group.save()
    return group


def set_model_permissions(apps, group, model_permissions):
    group.permissions.clear()  # image and document rights live on collections, below
    group.permissions.add(permission(apps, "wagtailadmin", "access_admin"))
    for (app_label, model), actions in model_permissions.items():
        for action in actions:
            group.permissions.add(permission(apps, app_label, f"{action}_{model}"))


def set_collection_permissions(apps, group):
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    GroupCollectionPermission.objects.filter(group=group).delete()
    codenames = [("multimedia", c) for c in IMAGE_PERMISSIONS[group.name]]
    codenames += [("wagtaildocs", c) for c in DOCUMENT_PERMISSIONS[group.name]]
    for app_label, codename in codenames:
        GroupCollectionPermission.objects.create(
            group=group, collection=root, permission=permission(apps, app_label, codename)
        )


def set_page_permissions(apps, group, codenames):
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupPagePermission.objects.filter(group=group).delete()
    root = Page.objects.filter(depth=1).first()
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group, page=root, permission=permission(apps, "wagtailcore", codename)
        )


def set_review_workflow(apps, editors):
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(groups=editors).first() or GroupApprovalTask.objects.create(
        name="Editor approval", content_type=task_type
    )
    task.name = "Editor approval"
    task.save()
    task.groups.set([editors])
    workflow = Workflow.objects.filter(name__in=["Moderators approval", "Editorial review"]).first()
    if workflow is None:
        workflow = Workflow.objects.create(name="Editorial review")
    workflow.name = "Editorial review"
    workflow.active = True
    workflow.save()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    root = Page.objects.filter(depth=1).first()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    contributors = rename_or_create(Group, "Editors", "Contributors")
    editors = rename_or_create(Group, "Moderators", "Editors")
    set_model_permissions(apps, contributors, CONTRIBUTOR_MODEL_PERMISSIONS)
    set_model_permissions(apps, editors, EDITOR_MODEL_PERMISSIONS)
    for group in (contributors, editors):
        set_collection_permissions(apps, group)
    set_page_permissions(apps, contributors, [])
    set_page_permissions(apps, editors, EDITOR_PAGE_PERMISSIONS)
    set_review_workflow(apps, editors)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0001_initial"),
        ("news", "0003_articlecorrection_hometopstory"),
        ("multimedia", "0002_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0006_formstate"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
