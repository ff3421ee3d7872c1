"""No admin view names a page to a user who may not see it (see desk/visibility.py).

The walk asks every admin URL Wagtail and newsdesk define, with the unseen story's id
wherever a URL takes a page, plus the searches, filters and API queries that find pages
by words, as each role without rights in the Business section. A draft, a scheduled
story, a live story's unpublished new headline, and a draft live blog sit there, locked,
in review, with comments and comment rules; none of their headlines may appear anywhere.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import inline_formset, streamfield

from newsdesk.comments.models import Comment, CommentPolicy
from newsdesk.comments.tests.factories import CommentFactory
from newsdesk.desk.fields import UNSEEN
from newsdesk.live.models import LiveBlogPage, LiveEntry
from newsdesk.news.tests.factories import ArticleFactory, article_form
from newsdesk.users.tests.test_admin_urls import Objects, admin_urls

SECRETS = ["Zebrafinch", "Quokkabay", "Narwhalcove", "Okapiridge"]


@pytest.fixture
def unseen(business, draft_story, scheduled_story, editor):
    """The Business section's unpublished headlines, in every state the admin lists."""
    pending = ArticleFactory(parent=business, title="Ferry fares rise")
    pending.title = "Narwhalcove ferry operator sold"
    pending.save_revision(user=editor)
    blog = business.add_child(
        instance=LiveBlogPage(title="Okapiridge strike: live", slug="strike", live=False)
    )
    blog.save_revision(user=editor)
    LiveEntry.objects.create(blog=blog, title="Pickets", body=[("paragraph", "<p>Cold.</p>")])
    draft_story.locked, draft_story.locked_by = True, editor
    draft_story.locked_at = timezone.now() - timedelta(days=400)
    draft_story.save()
    revision = draft_story.save_revision(user=editor)
    draft_story.get_workflow().start(draft_story, editor)
    for story in (draft_story, scheduled_story, pending, blog):
        PageLogEntry.objects.log_action(story, "wagtail.edit", user=editor, revision=revision)
        CommentFactory(page=story, body="Is this true?")
        CommentPolicy.objects.create(page=story)
    return {"draft": draft_story, "scheduled": scheduled_story, "pending": pending, "blog": blog}


def searches(unseen, business):
    """The URLs that find pages by words, ids or parents rather than by a path argument."""
    ids = [page.pk for page in unseen.values()]
    urls = [
        reverse("wagtailadmin_choose_page"),
        reverse("wagtailadmin_choose_page") + "?page_type=news.articlepage",
        reverse("wagtailadmin_choose_page") + "?page_type=live.liveblogpage",
        reverse("wagtailadmin_choose_page_child", args=[business.pk]),
        reverse("wagtailadmin_choose_page_child", args=[business.pk])
        + "?page_type=news.articlepage",
        reverse("wagtailadmin_choose_page_chosen_multiple")
        + "?"
        + "&".join(f"id={i}" for i in ids),
        reverse("wagtailadmin_explore", args=[business.pk]),
        reverse("wagtailadmin_api:pages:listing") + f"?child_of={business.pk}",
        reverse("wagtailadmin_api:pages:listing") + f"?child_of={business.pk}&for_explorer=1",
        reverse("comments_moderation:queue") + "?state=all",
        reverse("comment_rules:index"),
        reverse("comment_rules:add"),
        reverse("live_admin:desk_index"),
    ]
    urls += [reverse("comments_moderation:queue") + f"?state=all&article={i}" for i in ids]
    for word in (secret.lower() for secret in SECRETS):  # the search box repeats the words
        urls += [
            reverse("wagtailadmin_choose_page_search") + f"?q={word}",
            reverse("wagtailadmin_choose_page_search") + f"?q={word}&page_type=news.articlepage",
            reverse("wagtailadmin_pages:search") + f"?q={word}",
            reverse("wagtailadmin_pages:search_results") + f"?q={word}",
            reverse("wagtailadmin_api:pages:listing") + f"?search={word}",
            reverse("comments_moderation:queue") + f"?state=all&q={word}",
            reverse("comment_rules:index") + f"?q={word}",
        ]
    return urls


BULK_ACTIONS = ["publish", "unpublish", "delete", "move"]


def bulk_actions(unseen, business):
    """The pages' bulk actions, which name their pages in the query string."""
    queries = [f"id={page.pk}" for page in unseen.values()]
    queries += ["id=all", f"id=all&childOf={business.pk}", f"id=all&childOf={business.pk}&q=a"]
    queries += [f"id={business.pk}&id={unseen['draft'].pk}", "id=99999999999999999999"]
    return [
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + "?" + query
        for action in BULK_ACTIONS
        for query in queries
    ]


def leaks(client, url, method="get"):
    response = getattr(client, method)(url)
    if response.streaming:
        return []
    text = response.content.decode(errors="replace")
    return [f"{word} on {url} ({response.status_code})" for word in SECRETS if word in text]


def admin_urls_naming(objects, unseen, business):
    """Every admin URL, once for each unseen page where it takes one (once in all where not)."""
    urls = set()
    for page in unseen.values():
        objects.article = objects.blog = page.specific
        objects.section = business
        objects.revision = page.latest_revision
        objects.comment = Comment.objects.filter(page=page).first()
        objects.comment_policy = CommentPolicy.objects.get(page=page)
        objects.entry = LiveEntry.objects.filter(blog=unseen["blog"]).first()
        urls |= {
            url
            for name, url in admin_urls(objects)
            if name not in ("wagtailadmin_logout", "wagtailadmin_error_test")
        }
    return sorted(urls)


def signed_in(request, client, role, editor, admin_user):
    user = request.getfixturevalue(role)
    client.raise_request_exception = False
    client.force_login(user)
    return Objects([user, editor, admin_user])


@pytest.mark.slow  # URL by URL, the same on any database: make test runs it once, on SQLite
@pytest.mark.django_db
@pytest.mark.parametrize("role", ["contributor", "desk_editor", "moderator"])
def test_no_admin_view_names_a_page_the_user_may_not_see(
    request, client, role, unseen, business, editor, admin_user
):
    objects = signed_in(request, client, role, editor, admin_user)
    found = []
    for url in admin_urls_naming(objects, unseen, business):
        found += leaks(client, url)
    assert not found, "\n".join(found)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["contributor", "desk_editor", "moderator"])
def test_no_search_or_bulk_action_names_a_page_the_user_may_not_see(
    request, client, role, unseen, business, editor, admin_user
):
    """Searches go through each database's own search backend: run on both."""
    signed_in(request, client, role, editor, admin_user)
    found = []
    for url in searches(unseen, business) + bulk_actions(unseen, business):
        found += leaks(client, url)
    for url in bulk_actions(unseen, business):
        found += leaks(client, url, method="post")
    assert not found, "\n".join(found)


@pytest.mark.django_db
def test_an_editor_with_rights_there_finds_those_headlines(client, editor, unseen, business):
    """The walk can see a leak: the same URLs show the headlines to whoever may see them."""
    client.force_login(editor)
    found = " ".join(leak for url in searches(unseen, business) for leak in leaks(client, url))
    for word in ["Zebrafinch", "Quokkabay", "Okapiridge"]:  # the search index has live titles
        assert f"{word} on {reverse('wagtailadmin_choose_page_search')}?q={word.lower()}" in found
    draft = unseen["draft"].pk
    assert f"?state=all&article={draft}" in found


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["contributor", "moderator"])
def test_a_bulk_action_on_an_unseen_page_is_a_404(request, client, role, unseen, business):
    client.force_login(request.getfixturevalue(role))
    draft = unseen["draft"].pk
    for action in BULK_ACTIONS:
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        for query in [f"id={draft}", f"id={business.pk}&id={draft}", "id=99999999999999999999"]:
            assert client.get(f"{url}?{query}").status_code == 404, query
            assert client.post(f"{url}?{query}").status_code == 404, query
    assert unseen["draft"].__class__.objects.filter(pk=draft).exists()


@pytest.mark.django_db
def test_select_all_lists_only_the_pages_the_user_may_see(client, contributor, unseen, news):
    """A contributor's "select all" in their own section still offers their stories."""
    ArticleFactory(parent=news, title="Harbour reopens", live=False)
    client.force_login(contributor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    response = client.get(f"{url}?id=all&childOf={news.pk}")
    assert response.status_code == 200
    assert "Harbour reopens" in response.content.decode()
    response = client.get(f"{url}?id=all")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Harbour reopens" in text and not [word for word in SECRETS if word in text]


def related_block(page_id):
    return streamfield([("related", {"label": "Related", "story": page_id})])


@pytest.fixture
def own_story(contributor, news):
    story = ArticleFactory(parent=news, title="Harbour reopens", slug="harbour", live=False)
    story.owner = contributor
    story.save()
    return story


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["body", "related_links"])
@pytest.mark.parametrize("target", ["draft", "scheduled", "pending", "huge"])
def test_a_forged_page_id_in_a_story_form_is_refused_unnamed(
    client, contributor, own_story, unseen, field, target
):
    page_id = 99999999999999999999 if target == "huge" else unseen[target].pk
    value = related_block(page_id) if field == "body" else inline_formset([{"story": page_id}])
    client.force_login(contributor)
    form = article_form(own_story.title, slug=own_story.slug, **{field: value})
    response = client.post(reverse("wagtailadmin_pages:edit", args=[own_story.pk]), form)
    assert response.status_code == 200
    text = response.content.decode()
    assert UNSEEN in text
    assert not [word for word in SECRETS if word in text]
    own_story.refresh_from_db()
    assert own_story.latest_revision is None


@pytest.mark.django_db
def test_a_contributor_still_links_their_story_to_a_live_one(client, contributor, own_story, news):
    live = ArticleFactory(parent=news, title="Harbour fees cut")
    client.force_login(contributor)
    form = article_form(
        own_story.title,
        slug=own_story.slug,
        body=related_block(live.pk),
        related_links=inline_formset([{"story": live.pk}]),
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[own_story.pk]), form)
    assert response.status_code == 302
    own_story.refresh_from_db()
    saved = own_story.get_latest_revision_as_object()
    assert saved.body[0].value["story"].pk == live.pk
    assert [link.story_id for link in saved.related_links.all()] == [live.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("moderation", ["bogus", "post"])
def test_comment_rules_refuse_a_page_the_moderator_may_not_see(
    client, moderator, business, news, moderation
):
    hidden = ArticleFactory(parent=business, title="Zebrafinch merger talks", live=False)
    live = ArticleFactory(parent=news, title="Harbour fees cut")
    rules = CommentPolicy.objects.create(page=live)
    client.force_login(moderator)
    urls = [reverse("comment_rules:add"), reverse("comment_rules:edit", args=[rules.pk])]
    for url in urls:
        for page_id in (hidden.pk, 99999999999999999999):
            response = client.post(url, {"page": page_id, "moderation": moderation})
            assert response.status_code == 200, url
            text = response.content.decode()
            assert UNSEEN in text and "Zebrafinch" not in text, url
    assert not CommentPolicy.objects.filter(page=hidden).exists()
    assert CommentPolicy.objects.get(pk=rules.pk).page_id == live.pk
    response = client.post(urls[0], {"page": news.pk, "moderation": "post"})
    assert response.status_code == 302
    assert CommentPolicy.objects.get(page=news).moderation == "post"
