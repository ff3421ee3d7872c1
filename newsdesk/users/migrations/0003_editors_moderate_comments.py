from django.contrib.auth.management import create_permissions
from django.db import migrations


def let_editors_moderate(apps, schema_editor):
    comments = apps.get_app_config("comments")
    comments.models_module = True
    create_permissions(comments, apps=apps, verbosity=0)
    comments.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permission = Permission.objects.get(content_type__app_label="comments", codename="moderate_comment")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0002_newsroom_roles"),
        ("comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(let_editors_moderate, migrations.RunPython.noop)]
