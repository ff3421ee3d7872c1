"""Every asset type the admin offers (photos, documents, every multimedia snippet): who may
add, choose, change and delete it, asked of the permission policy Wagtail really checks
for it, and of the admin's own pages: the menu, the add form, an upload, the chooser.

Contributors add and choose any asset, and change only what they uploaded where the type
knows its uploader; Editors add, change and delete anyone's; Moderators get none.
"""

import io
import json
import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models

from newsdesk.multimedia.models import AudioClip
from newsdesk.multimedia.tests.factories import MP3_BYTES, AudioClipFactory, PhotoFactory
from newsdesk.users.roles import ASSET_MODELS


def jpeg_bytes():
    buffer = io.BytesIO()
    PILImage.new("RGB", (320, 180), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


def photo_upload(title):
    file = SimpleUploadedFile("harbour.jpg", jpeg_bytes(), content_type="image/jpeg")
    return {"title": title, "file": file, "collection": Collection.get_first_root_node().pk}


def document_upload(title):
    file = SimpleUploadedFile("report.pdf", b"%PDF-1.4 council minutes", "application/pdf")
    return {"title": title, "file": file, "collection": Collection.get_first_root_node().pk}


def audio_upload(title):
    file = SimpleUploadedFile("report.mp3", MP3_BYTES, content_type="audio/mpeg")
    return {"title": title, "file": file, "duration": "00:04:30", "credit": ""}


def make_photo(owner):
    # In the one collection tree a newsroom has (the factory would plant a new root).
    root = Collection.get_first_root_node()
    return PhotoFactory(title="Harbour wall", uploaded_by_user=owner, collection=root)


def make_document(owner):
    file = SimpleUploadedFile("budget.pdf", b"%PDF-1.4 budget")
    return get_document_model().objects.create(
        title="Budget report", file=file, uploaded_by_user=owner
    )


def snippet_url(model, view):
    return model.snippet_viewset.get_url_name(view)


def chooser_url(model, view):
    return model.snippet_viewset.chooser_viewset.get_url_name(view)


@dataclass
class AssetAdmin:
    """Where the admin offers one asset type, and how to make one."""

    index: str
    add: str
    edit: str
    delete: str
    chooser: str
    chooser_create: str
    upload: object  # title -> the add form's POST data
    make: object  # owner -> a saved instance
    owned: bool  # whether the type records its uploader, who may then change it


ADMIN = {
    "multimedia.customimage": AssetAdmin(
        "wagtailimages:index",
        "wagtailimages:add",
        "wagtailimages:edit",
        "wagtailimages:delete",
        "wagtailimages_chooser:choose",
        "wagtailimages_chooser:create",
        photo_upload,
        make_photo,
        owned=True,
    ),
    "wagtaildocs.document": AssetAdmin(
        "wagtaildocs:index",
        "wagtaildocs:add",
        "wagtaildocs:edit",
        "wagtaildocs:delete",
        "wagtaildocs_chooser:choose",
        "wagtaildocs_chooser:create",
        document_upload,
        make_document,
        owned=True,
    ),
    "multimedia.audioclip": AssetAdmin(
        snippet_url(AudioClip, "list"),
        snippet_url(AudioClip, "add"),
        snippet_url(AudioClip, "edit"),
        snippet_url(AudioClip, "delete"),
        chooser_url(AudioClip, "choose"),
        chooser_url(AudioClip, "create"),
        audio_upload,
        lambda owner: AudioClipFactory(title="Harbour wall"),
        owned=False,
    ),
}


def label(model):
    return model._meta.label_lower


ASSET_LABELS = [model.lower() for model in ASSET_MODELS]


def model_of(asset):
    return next(
        m for m in [get_image_model(), get_document_model(), AudioClip] if label(m) == asset
    )


def admin_of(asset):
    assert asset in ADMIN, f"say in ADMIN above where the admin offers {asset}"
    return ADMIN[asset]


def menu_urls(client):
    """The URLs of the admin menu as the sidebar gets them."""
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S)
    return set(re.findall(r'"url": "([^"]+)"', json.dumps(json.loads(props.group(1)))))


def chooser_html(client, admin):
    return client.get(reverse(admin.chooser)).json()["html"]


def test_every_asset_type_the_admin_offers_has_its_roles():
    offered = {label(get_image_model()), label(get_document_model())}
    offered |= {label(m) for m in get_snippet_models() if m._meta.app_label == "multimedia"}
    assert offered == set(ASSET_LABELS), "add the asset type to ASSET_MODELS in users/roles.py"


@pytest.fixture
def others(django_user_model, db):
    """A photographer, in no role, who uploaded what the others will try to touch."""
    return django_user_model.objects.create_user("pia", "pia@example.com", "pw")


@pytest.mark.django_db
@pytest.mark.parametrize("asset", ASSET_LABELS)
class TestThroughThePolicy:
    def policy(self, asset):
        return policy_registry.get_by_type(model_of(asset))

    def test_contributors_add_and_choose_but_never_touch_anothers(self, asset, contributor, others):
        policy, theirs = self.policy(asset), admin_of(asset).make(others)
        assert policy.user_has_permission(contributor, "add")
        if hasattr(policy, "owner_field_name"):
            assert policy.user_has_permission_for_instance(contributor, "choose", theirs)
        for action in ("change", "delete"):
            assert not policy.user_has_permission_for_instance(contributor, action, theirs)

    def test_editors_add_change_and_delete_anyones(self, asset, editor, others):
        policy, theirs = self.policy(asset), admin_of(asset).make(others)
        for action in ("add", "change", "delete"):
            assert policy.user_has_permission(editor, action)
        for action in ("change", "delete"):
            assert policy.user_has_permission_for_instance(editor, action, theirs)

    def test_moderators_get_no_asset_rights(self, asset, moderator, others):
        policy, theirs = self.policy(asset), admin_of(asset).make(others)
        assert not policy.user_has_any_permission(moderator, ["add", "change", "delete", "choose"])
        for action in ("change", "delete", "choose"):
            assert not policy.user_has_permission_for_instance(moderator, action, theirs)


@pytest.mark.django_db
@pytest.mark.parametrize("asset", ASSET_LABELS)
class TestThroughTheAdmin:
    def test_contributors_see_the_menu_upload_and_choose(self, asset, as_user, contributor, others):
        admin, client = admin_of(asset), as_user(contributor)
        theirs = admin.make(others)
        assert reverse(admin.index) in menu_urls(client)
        assert client.get(reverse(admin.add)).status_code == 200
        response = client.post(reverse(admin.add), admin.upload("Tram depot"))
        assert response.status_code == 302, response.content.decode()[:3000]
        mine = model_of(asset).objects.get(title="Tram depot")
        if admin.owned:
            assert mine.uploaded_by_user == contributor
        html = chooser_html(client, admin)
        assert reverse(admin.chooser_create) in html, "the chooser has no upload tab"
        assert theirs.title in html, "the chooser does not offer another's asset"

    def test_contributors_change_only_their_own(self, asset, as_user, contributor, others):
        admin, client = admin_of(asset), as_user(contributor)
        theirs = admin.make(others)
        assert client.get(reverse(admin.edit, args=(theirs.pk,))).status_code != 200
        client.post(reverse(admin.delete, args=(theirs.pk,)))
        assert model_of(asset).objects.filter(pk=theirs.pk).exists()
        if admin.owned:
            mine = admin.make(contributor)
            assert client.get(reverse(admin.edit, args=(mine.pk,))).status_code == 200

    def test_editors_change_and_delete_anyones(self, asset, as_user, editor, others):
        admin, client = admin_of(asset), as_user(editor)
        theirs = admin.make(others)
        assert reverse(admin.index) in menu_urls(client)
        assert client.get(reverse(admin.edit, args=(theirs.pk,))).status_code == 200
        response = client.post(reverse(admin.add), admin.upload("Ferry terminal"))
        assert response.status_code == 302, response.content.decode()[:3000]
        assert reverse(admin.chooser_create) in chooser_html(client, admin)
        response = client.post(reverse(admin.delete, args=(theirs.pk,)))
        assert response.status_code == 302
        assert not model_of(asset).objects.filter(pk=theirs.pk).exists()

    def test_moderators_have_no_asset_menu_and_cannot_upload(self, asset, as_user, moderator):
        admin, client = admin_of(asset), as_user(moderator)
        assert reverse(admin.index) not in menu_urls(client)
        client.post(reverse(admin.add), admin.upload("Not mine to file"))
        assert not model_of(asset).objects.filter(title="Not mine to file").exists()


@pytest.mark.django_db
def test_a_contributor_uploads_a_photo_from_the_choosers_upload_tab(as_user, contributor):
    client = as_user(contributor)
    data = {f"image-chooser-upload-{k}": v for k, v in photo_upload("Quay at dusk").items()}
    response = client.post(reverse("wagtailimages_chooser:create"), data)
    assert response.json()["step"] in {"image_chosen", "chosen"}, response.json()
    assert get_image_model().objects.get(title="Quay at dusk").uploaded_by_user == contributor
