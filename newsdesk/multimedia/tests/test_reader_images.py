"""Photos readers may reach: those a page readers may see shows (and the site's logo, an
author's portrait, a channel's poster). The rest of the library (an embargoed story's
photo) is neither listed by the API nor served at /media/, except to staff who work with
photos."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission, PageViewRestriction

from newsdesk.multimedia.readers import reader_images
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shown(us_section):
    """A photo on a live story."""
    photo = PhotoFactory(title="Boats at the harbour wall")
    ArticleFactory(parent=us_section, lead_image=photo).save_revision().publish()
    return photo


@pytest.fixture
def embargoed(us_section):
    photo = PhotoFactory(title="Signing at the lighthouse")
    page = ArticleFactory(parent=us_section, lead_image=photo, live=False)
    page.go_live_at = timezone.now() + timedelta(hours=3)
    page.save_revision().publish()
    return photo


@pytest.fixture
def restricted(us_section):
    photo = PhotoFactory(title="Members' tour of the lamp room")
    page = ArticleFactory(parent=us_section, lead_image=photo)
    page.save_revision().publish()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return photo


@pytest.fixture
def unused(db):
    return PhotoFactory(title="Just uploaded")


def listed_titles(client, query=""):
    response = client.get(f"/api/v2/images/{query}")
    assert response.status_code == 200
    return {item["title"] for item in response.json()["items"]}


class TestTheApi:
    def test_lists_only_photos_readers_can_see(self, client, shown, embargoed, restricted, unused):
        assert listed_titles(client) == {shown.title}
        assert listed_titles(client, "?search=lighthouse") == set()
        assert listed_titles(client, "?search=harbour") == {shown.title}

    @pytest.mark.parametrize("kind", ["embargoed", "restricted", "unused"])
    def test_a_hidden_photo_has_no_detail(self, client, request, kind):
        photo = request.getfixturevalue(kind)
        assert client.get(f"/api/v2/images/{photo.pk}/").status_code == 404
        assert client.get(f"/api/v2/images/find/?id={photo.pk}").status_code == 404

    def test_a_photo_joins_the_list_when_its_story_is_published(self, client, us_section, unused):
        assert listed_titles(client) == set()
        ArticleFactory(parent=us_section, lead_image=unused).save_revision().publish()
        assert listed_titles(client) == {unused.title}

    def test_an_authors_portrait_is_for_readers_once_they_have_a_story_out(
        self, client, us_section, unused
    ):
        author = AuthorFactory(photo=unused)
        story = ArticleFactory(parent=us_section, authors=[author], live=False)
        assert not reader_images().filter(pk=unused.pk).exists()
        story.save_revision().publish()
        assert reader_images().filter(pk=unused.pk).exists()


def files_of(photo):
    photo.get_rendition("fill-800x450|format-webp")
    return [photo.file.url, *(rendition.url for rendition in photo.renditions.all())]


@pytest.fixture
def photo_desk(django_user_model):
    """Staff who may choose photos (as every newsroom role that writes may)."""
    user = django_user_model.objects.create_user("pia", "pia@example.com", "pw")
    group = Group.objects.create(name="Photo desk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupCollectionPermission.objects.create(  # Wagtail's image permissions are per collection
        group=group,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(
            codename="choose_image", content_type__app_label="multimedia"
        ),
    )
    user.groups.add(group)
    return user


class TestTheFiles:
    def test_readers_get_the_files_of_a_shown_photo_cached_briefly(self, client, shown):
        for url in files_of(shown):
            response = client.get(url)
            assert response.status_code == 200, url
            assert b"".join(response.streaming_content)[:4] in (b"\xff\xd8\xff\xe0", b"RIFF")
            assert "public" in response["Cache-Control"]
            assert "max-age=300" in response["Cache-Control"]

    @pytest.mark.parametrize("kind", ["embargoed", "restricted", "unused"])
    def test_readers_get_404_for_a_hidden_photo_never_cached(self, client, request, kind):
        photo = request.getfixturevalue(kind)
        for url in files_of(photo):
            response = client.get(url)
            assert response.status_code == 404, url
            assert "no-store" in response["Cache-Control"]

    def test_staff_who_work_with_photos_get_them_privately(self, client, photo_desk, embargoed):
        client.force_login(photo_desk)
        for url in files_of(embargoed):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "private" in response["Cache-Control"]

    def test_a_signed_in_reader_without_photo_rights_gets_404(
        self, client, django_user_model, embargoed
    ):
        client.force_login(django_user_model.objects.create_user("rex", "r@example.com", "pw"))
        assert all(client.get(url).status_code == 404 for url in files_of(embargoed))

    @pytest.mark.parametrize(
        "path",
        [
            "/media/original_images/../../../etc/passwd",
            "/media/original_images/%2e%2e/%2e%2e/settings.py",
            "/media/images/no-such-photo.fill-800x450.jpg",
            "/media/original_images/",
            "/media/original_images/x%00.jpg",
        ],
    )
    def test_bad_paths_are_404_and_serve_nothing(self, client, shown, path):
        response = client.get(path)
        assert response.status_code == 404
        assert b"root:" not in response.content and b"SECRET" not in response.content


def test_a_photo_in_a_live_blog_update_is_for_readers_once_the_blog_is(client, news):
    from newsdesk.live.models import LiveEntry
    from newsdesk.live.tests.factories import LiveBlogFactory

    photo = PhotoFactory()
    blog = LiveBlogFactory(parent=news, live=False)
    body = LiveEntry._meta.get_field("body").to_python(
        [{"type": "photo", "value": {"image": photo.pk, "caption": "", "credit": ""}}]
    )
    LiveEntry.objects.create(blog=blog, body=body)
    assert client.get(photo.file.url).status_code == 404
    blog.save_revision().publish()
    assert client.get(photo.file.url).status_code == 200
