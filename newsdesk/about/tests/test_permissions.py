"""Who may change the footer and the policy pages, through the admin's real views
(roles.py: editors may; contributors and moderators may not)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.about.models import FooterSettings, InfoPage
from newsdesk.users.roles import MODERATORS

from .factories import InfoPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("mona", "mona@example.com", "pw")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def footer_url():
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=("about", "footersettings", site.pk))


def footer_form(links=(), accounts=()):
    return nested_form_data(
        {"links": inline_formset(list(links)), "social_accounts": inline_formset(list(accounts))}
    )


def link(**fields):
    return {"column": "newsroom", "page": "", "url": "", "label": "", **fields}


def info_page_form(title, slug, **fields):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": "",
            "body": streamfield([("paragraph", rich_text("<p>Policy text.</p>"))]),
            "comments": inline_formset([]),
            **fields,
        }
    )


def denied(response):
    """Wagtail answers a forbidden admin view with 403, or a redirect to the dashboard."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def saved_footer():
    return FooterSettings.for_site(Site.objects.get(is_default_site=True))


class TestEditor:
    def test_edits_the_footer_links(self, client, editor):
        about = InfoPageFactory()
        client.force_login(editor)
        assert client.get(footer_url()).status_code == 200

        form = footer_form(
            [
                link(page=about.pk),
                link(column="standards", url="mailto:desk@example.com", label="Write to us"),
            ],
            [{"network": "instagram", "url": "https://www.instagram.com/example/"}],
        )
        response = client.post(footer_url(), form)

        assert response.status_code == 302
        footer = saved_footer()
        assert [(item.page_id, item.url) for item in footer.links.all()] == [
            (about.pk, ""),
            (None, "mailto:desk@example.com"),
        ]
        assert [account.network for account in footer.social_accounts.all()] == ["instagram"]

    def test_a_javascript_address_is_refused_with_a_clear_error(self, client, editor):
        client.force_login(editor)
        form = footer_form([link(url="javascript:alert(document.cookie)", label="Win a prize")])

        response = client.post(footer_url(), form)

        assert response.status_code == 200  # the form again, with the error
        assert "not “javascript:”" in response.content.decode()
        assert not saved_footer().links.exists()

    def test_edits_and_publishes_a_policy_page(self, client, editor):
        page = InfoPageFactory(title="Ethics policy", slug="ethics")
        client.force_login(editor)
        edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        assert client.get(edit).status_code == 200

        form = info_page_form("Ethics and standards", "ethics", **{"action-publish": "1"})
        assert client.post(edit, form).status_code == 302

        page.refresh_from_db()
        assert page.title == "Ethics and standards"
        assert page.live and not page.has_unpublished_changes

    def test_adds_a_policy_page_under_the_front_page(self, client, editor):
        home = Site.objects.get(is_default_site=True).root_page
        client.force_login(editor)
        add = reverse("wagtailadmin_pages:add", args=("about", "infopage", home.pk))
        assert client.post(add, info_page_form("Contact us", "contact")).status_code == 302
        assert InfoPage.objects.filter(slug="contact").exists()


@pytest.mark.parametrize("role", ["contributor", "moderator"])
class TestOtherRoles:
    def test_cannot_open_or_change_the_footer(self, request, client, role):
        client.force_login(request.getfixturevalue(role))
        assert denied(client.get(footer_url()))
        client.post(footer_url(), footer_form([link(url="https://example.com/", label="Mine")]))
        assert not saved_footer().links.exists()

    def test_cannot_edit_a_policy_page(self, request, client, role):
        page = InfoPageFactory(title="Ethics policy", slug="ethics")
        client.force_login(request.getfixturevalue(role))
        edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        assert denied(client.get(edit))
        client.post(edit, info_page_form("Rewritten", "ethics", **{"action-publish": "1"}))
        page.refresh_from_db()
        assert page.title == "Ethics policy"

    def test_cannot_add_a_policy_page(self, request, client, role):
        home = Site.objects.get(is_default_site=True).root_page
        client.force_login(request.getfixturevalue(role))
        add = reverse("wagtailadmin_pages:add", args=("about", "infopage", home.pk))
        assert denied(client.get(add))
        client.post(add, info_page_form("Contact us", "contact"))
        assert not InfoPage.objects.filter(slug="contact").exists()
