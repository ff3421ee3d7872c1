from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_livechannel", "change_livechannel", "delete_livechannel"]


def let_editors_run_live_channels(apps, schema_editor):
    live = apps.get_app_config("live")
    live.models_module = True
    create_permissions(live, apps=apps, verbosity=0)
    live.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(content_type__app_label="live", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0003_editors_moderate_comments"),
        ("live", "0001_initial"),
    ]

    operations = [migrations.RunPython(let_editors_run_live_channels, migrations.RunPython.noop)]
