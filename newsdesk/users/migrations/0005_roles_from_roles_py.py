"""The roles as newsdesk/users/roles.py declares them, which every later `migrate` re-applies.

Until now Contributors and Editors were given photo rights on multimedia.CustomImage, which
nothing checks: Wagtail's image policy looks at wagtailimages.Image's permissions, so only
admins could upload a photo. This also adds the Moderators group.
"""

from django.db import migrations


def apply_roles(apps, schema_editor):
    from newsdesk.users.roles import apply_roles

    apply_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("users", "0004_editors_run_live_channels"),
        ("core", "0003_breakingnews"),
        ("multimedia", "0003_audioclip"),
    ]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
