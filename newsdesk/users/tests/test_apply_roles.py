"""`migrate` makes each role group exactly what users/roles.py declares."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission

from newsdesk.users import roles


def collection_codenames(group):
    rows = GroupCollectionPermission.objects.filter(group=group)
    return set(rows.values_list("permission__codename", flat=True))


@pytest.mark.django_db
def test_migrate_puts_back_what_a_role_lost_and_takes_away_what_it_gained():
    editors = roles.editors()
    before = (set(editors.permissions.all()), collection_codenames(editors))
    GroupCollectionPermission.objects.filter(
        group=editors, permission__codename="add_image"
    ).delete()
    editors.permissions.add(Permission.objects.get(codename="delete_user"))
    call_command("migrate", verbosity=0)
    assert (set(editors.permissions.all()), collection_codenames(editors)) == before
    assert "add_image" in collection_codenames(editors)


@pytest.mark.django_db
def test_photos_are_granted_on_the_model_wagtail_checks():
    assert collection_codenames(roles.contributors()) == {
        "add_image",
        "choose_image",
        "add_document",
        "choose_document",
    }
    assert set(roles.contributors().permissions.values_list("codename", flat=True)) >= {
        "add_audioclip"
    }
    assert not roles.moderators().permissions.filter(content_type__app_label="multimedia")


@pytest.mark.django_db
def test_a_role_naming_a_permission_that_does_not_exist_stops_migrate(monkeypatch):
    typo = roles.Role(roles.MODERATORS, permissions=("comments.moderate_comments",))
    monkeypatch.setattr(roles, "ROLES", [typo])
    with pytest.raises(ImproperlyConfigured, match=r"comments\.moderate_comments"):
        roles.apply_roles()
