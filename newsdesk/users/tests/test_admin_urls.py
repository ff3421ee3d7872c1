"""Every admin URL, for every role, answers as the role allows.

The test walks the URL patterns under /admin/, fills in their arguments with real
objects, and asks each as an anonymous visitor, a contributor, an editor, a moderator and
an admin.
A view that answers 200 to a role not listed for it below fails the suite, so a new
admin view without a permission check cannot slip in. Each URL is also asked in its
variants (no trailing slash, a doubled slash, upper case), asked by a visitor,
a contributor and a moderator, which must never open a door the canonical URL keeps shut.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Site, Task, Workflow

from newsdesk.comments.models import Ban, BlockedTerm
from newsdesk.comments.tests.factories import CommentFactory, CommentPolicyFactory
from newsdesk.core.models import BreakingNews
from newsdesk.live.models import LiveBlogPage, LiveChannel, LiveEntry
from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.tests.factories import ArticleFactory, AuthorFactory

# Who asks each URL's variants (no trailing slash, a doubled slash, upper case).
VARIANTS_ASKED_BY = {"anonymous", "contributor", "moderator"}
# The redirects a URL may make on its way to its own page (a trailing slash, a query).
MAX_REDIRECTS = 3

# Views that a contributor may open: writing, choosing, their own account, the dashboard.
CONTRIBUTOR_VIEWS = {
    "wagtailadmin_home",
    "wagtailadmin_account",
    "wagtailadmin_explore_root",
    "wagtailadmin_explore",
    "wagtailadmin_pages:add_subpage",
    "wagtailadmin_pages:add",
    "desk_new_story",
    "wagtailadmin_pages:search",
    "wagtailadmin_pages:usage",
    "wagtailadmin_pages:type_use",
    "wagtailadmin_pages:preview",
    "wagtailadmin_pages:view_draft",
    "wagtailadmin_pages:history",
    "wagtailadmin_pages:revisions_index",
    "wagtailadmin_choose_page",
    "wagtailadmin_choose_page_child",
    "wagtailadmin_choose_page_search",
    # photos, documents and audio clips: uploading, and choosing them for a story
    "wagtailimages:index",
    "wagtailimages:index_results",
    "wagtailimages:add",
    "wagtailimages:add_multiple",
    "wagtailimages_chooser:create",
    "wagtailimages_chooser:chosen",
    "wagtailimages_chooser:select_format",
    "wagtailimages_chooser:choose",
    "wagtailimages_chooser:choose_results",
    "wagtailimages_chooser:chosen_multiple",
    "wagtaildocs:index",
    "wagtaildocs:index_results",
    "wagtaildocs:add",
    "wagtaildocs:add_multiple",
    "wagtaildocs_chooser:choose",
    "wagtaildocs_chooser:choose_results",
    "wagtaildocs_chooser:chosen",
    "wagtaildocs_chooser:chosen_multiple",
    "wagtaildocs_chooser:create",
    "wagtailembeds:chooser",
    "wagtailembeds:chooser_upload",
    "wagtailsnippetchoosers_news_author:choose",
    "wagtailsnippetchoosers_news_author:choose_results",
    "wagtailsnippetchoosers_news_author:chosen_multiple",
    "wagtailsnippetchoosers_multimedia_audioclip:choose",
    "wagtailsnippetchoosers_multimedia_audioclip:choose_results",
    "wagtailsnippetchoosers_multimedia_audioclip:chosen_multiple",
    "wagtailsnippetchoosers_multimedia_audioclip:create",
    "wagtailsnippets_multimedia_audioclip:list",
    "wagtailsnippets_multimedia_audioclip:list_results",
    "wagtailsnippets_multimedia_audioclip:add",
    "wagtailsnippetchoosers_taggit_tag:choose",
    "wagtailsnippetchoosers_taggit_tag:choose_results",
    "wagtailsnippetchoosers_taggit_tag:chosen_multiple",
    "wagtailsnippets_news_author:list",
    "wagtailsnippets_news_author:list_results",
    "topics:list",
    "topics:list_results",
    # remembers which admin hints the user has dismissed
    "wagtailadmin_dismissibles",
    # form submissions, listed only for form pages the user may see (the site has none)
    "wagtailforms:index",
    "wagtailforms:index_results",
    # read-only lookups used by the editing interface
    "wagtailadmin_api:pages:listing",
    "wagtailadmin_api:documents:listing",
    "wagtailadmin_api:images:listing",
    "wagtailadmin_pages:type_use_results",
    "wagtailadmin_pages:search_results",
    "wagtailadmin_pages:confirm_workflow_cancellation",
    "wagtailadmin_choose_page_chosen_multiple",
    "wagtailadmin_choose_page_external_link",
    "wagtailadmin_choose_page_email_link",
    "wagtailadmin_choose_page_phone_link",
    "wagtailadmin_choose_page_anchor_link",
    "wagtailadmin_tag_autocomplete",
    # the task chooser lists tasks; creating one needs the add_task permission
    "wagtailadmin_workflows:task_chooser",
    "wagtailadmin_workflows:task_chooser_results",
    "wagtailadmin_workflows:task_chooser_create",
    "wagtailadmin_workflows:task_chosen",
    # reports list only what the user may see
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_results",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:workflow_tasks_results",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:aging_pages_results",
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
    # the translation desk lists only the translations the user's desks may edit
    "editions:stale_list",
    # wagtail-localize's report of translations (gated to page staff, editions/middleware.py)
    # and its admin JavaScript's message catalogue
    "wagtail_localize:translations_report",
    "wagtail_localize:translations_report_results",
    "wagtail_localize:javascript_catalog",
}
MODEL_VIEWSET_VIEWS = [
    "index",
    "index_results",
    "add",
    "edit",
    "delete",
    "history",
    "history_results",
    "usage",
    "copy",
]
# Editors also edit, publish, unpublish, move, copy and restore anyone's stories, and
# start a translation of a story into another edition.
EDITOR_VIEWS = CONTRIBUTOR_VIEWS | {
    "editions:translate_into",
    "wagtailadmin_api:pages:detail",
    "wagtailadmin_explore_results",
    "wagtailadmin_pages:choose_parent",
    "wagtailadmin_pages:preview_on_add",
    "wagtailadmin_pages:edit",
    "wagtailadmin_pages:preview_on_edit",
    "wagtailadmin_pages:delete",
    "wagtailadmin_pages:unpublish",
    "wagtailadmin_pages:move",
    "wagtailadmin_pages:move_confirm",
    "wagtailadmin_pages:copy",
    "wagtailadmin_pages:set_privacy",
    "wagtailadmin_pages:revisions_view",
    "wagtailadmin_pages:revisions_revert",
    "wagtailadmin_pages:revisions_unschedule",
    "wagtailadmin_pages:revisions_compare",
    "wagtailadmin_pages:workflow_history",
    "wagtailadmin_pages:workflow_history_detail",
    "wagtailadmin_pages:history_results",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:locked_pages_results",
    # authors, topics and documents
    "wagtailsnippets_news_author:add",
    "wagtailsnippets_news_author:edit",
    "wagtailsnippets_news_author:copy",
    "wagtailsnippets_news_author:delete",
    "wagtailsnippets_news_author:history",
    "wagtailsnippets_news_author:history_results",
    "wagtailsnippets_news_author:usage",
    "wagtailsnippetchoosers_news_author:create",
    "wagtailsnippetchoosers_taggit_tag:create",
    "topics:add",
    "topics:edit",
    "topics:copy",
    "topics:delete",
    "topics:history",
    "topics:history_results",
    "topics:usage",
    "wagtaildocs:edit",
    "wagtaildocs:delete",
    "wagtaildocs:document_usage",
    # anyone's photos and audio clips
    "wagtailimages:edit",
    "wagtailimages:delete",
    "wagtailimages:url_generator",
    "wagtailimages:generate_url",
    "wagtailimages:preview",
    "wagtailimages:image_usage",
    "wagtailimages:image_usage_results",
    *(
        f"wagtailsnippets_multimedia_audioclip:{view}"
        for view in ("edit", "delete", "copy", "history", "history_results", "usage")
    ),
    # reader comments: the moderation queue, editing and replying
    "comments_moderation:queue",
    "comments_moderation:edit",
    "comments_moderation:reply",
    # the live desk: posting, editing and deleting updates
    "live_admin:desk_index",
    "live_admin:desk",
    "live_admin:edit_entry",
    "live_admin:delete_entry",
    # each edition's breaking-news banner: changed, never added or deleted
    *(
        f"breaking_news:{view}"
        for view in ("index", "index_results", "edit", "history", "history_results", "usage")
    ),
    # comment rules, blocked terms and bans; the live channels with their schedules
    *(
        f"{viewset}:{view}"
        for viewset in ("comment_rules", "comment_blocked_terms", "comment_bans", "live_channels")
        for view in MODEL_VIEWSET_VIEWS
    ),
}
# Moderators work the comment queue: its cards, edits, replies, bans, blocked terms and
# rules. The rest is what any signed-in staff member opens: the dashboard, their account,
# and choosers' frames, which list only what the user may choose.
MODERATOR_VIEWS = {
    "comments_moderation:queue",
    "comments_moderation:edit",
    "comments_moderation:reply",
    *(
        f"{viewset}:{view}"
        for viewset in ("comment_rules", "comment_blocked_terms", "comment_bans")
        for view in MODEL_VIEWSET_VIEWS
    ),
    "wagtailadmin_home",
    "wagtailadmin_account",
    "wagtailadmin_dismissibles",
    "wagtailadmin_tag_autocomplete",
    # the translation desk: empty for a moderator, who is on no desk
    "editions:stale_list",
    "wagtail_localize:javascript_catalog",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results",
    "wagtailadmin_api:pages:listing",
    "wagtailadmin_api:documents:listing",
    "wagtailadmin_api:images:listing",
    "wagtailadmin_pages:choose_parent",
    "wagtailadmin_pages:confirm_workflow_cancellation",
    "wagtailadmin_choose_page",
    "wagtailadmin_choose_page_child",
    "wagtailadmin_choose_page_search",
    "wagtailadmin_choose_page_chosen_multiple",
    "wagtailadmin_choose_page_external_link",
    "wagtailadmin_choose_page_email_link",
    "wagtailadmin_choose_page_phone_link",
    "wagtailadmin_choose_page_anchor_link",
    "wagtailadmin_workflows:task_chooser",
    "wagtailadmin_workflows:task_chooser_results",
    "wagtailadmin_workflows:task_chooser_create",
    "wagtailadmin_workflows:task_chosen",
    "wagtailembeds:chooser",
    "wagtailembeds:chooser_upload",
    *(
        f"{chooser}:{view}"
        for chooser in (
            "wagtailimages_chooser",
            "wagtaildocs_chooser",
            "wagtailsnippetchoosers_multimedia_audioclip",
            "wagtailsnippetchoosers_news_author",
            "wagtailsnippetchoosers_taggit_tag",
        )
        for view in ("choose", "choose_results", "chosen_multiple")
    ),
}
# Pages anyone may open: signing in, resetting a password, the admin's own assets.
PUBLIC_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
}


def admin_patterns(resolver=None, namespace="", prefix=""):
    if resolver is None:  # newsdesk's own admin URLs come first, then Wagtail's
        for admin in [p for p in get_resolver().url_patterns if str(p.pattern) == "admin/"]:
            yield from admin_patterns(admin)
        return
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            child_ns = f"{namespace}{ns}:" if ns else namespace
            yield from admin_patterns(pattern, child_ns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def argument_names(pattern):
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return list(converters)
    return list(pattern.pattern.regex.groupindex)


class Objects:
    """One real object of each kind an admin URL can point at."""

    def __init__(self, users):
        self.article = ArticleFactory()
        self.section = self.article.get_parent()
        self.image = PhotoFactory(collection=Collection.get_first_root_node())
        self.document = get_document_model().objects.create(title="Report", file="doc.pdf")
        self.author = AuthorFactory()
        self.tag = Tag.objects.create(name="Ports", slug="ports")
        self.group = Group.objects.first()
        self.site = Site.objects.get(is_default_site=True)
        self.collection = Collection.get_first_root_node()
        self.workflow = Workflow.objects.first()
        self.task = Task.objects.first()
        self.user = users[0]
        self.revision = self.article.save_revision()
        self.comment = CommentFactory(page=self.article)
        self.comment_policy = CommentPolicyFactory(page=self.article)
        self.blocked_term = BlockedTerm.objects.create(term="spamword")
        self.ban = Ban.objects.create(kind=Ban.Kind.EMAIL, value="troll@example.org")
        self.channel = LiveChannel.objects.create(
            name="Live", slug="live", stream_url="https://streams.example.org/live.m3u8"
        )
        self.banner = BreakingNews.for_site(self.site, Locale.get_default())
        self.blog = self.section.add_child(instance=LiveBlogPage(title="Storm", slug="storm"))
        self.entry = LiveEntry.objects.create(
            blog=self.blog, title="Update", body=[("paragraph", "<p>Wind.</p>")]
        )

    def id_for(self, name):
        by_namespace = [
            ("wagtailimages", self.image.pk),
            ("wagtaildocs", self.document.pk),
            ("wagtailusers_users", self.user.pk),
            ("wagtailusers_groups", self.group.pk),
            ("wagtailsnippets_news_author", self.author.pk),
            ("topics", self.tag.pk),
            ("wagtailsites", self.site.pk),
            ("wagtailsettings", self.site.pk),
            ("wagtailadmin_collections", self.collection.pk),
            ("wagtailadmin_workflows", self.workflow.pk),
            ("comments_moderation", self.comment.pk),
            ("comment_rules", self.comment_policy.pk),
            ("comment_blocked_terms", self.blocked_term.pk),
            ("comment_bans", self.ban.pk),
            ("live_channels", self.channel.pk),
            ("breaking_news", self.banner.pk),
        ]
        for namespace, pk in by_namespace:
            if name.startswith(namespace):
                return pk
        return self.article.pk

    def arguments(self, name, names):
        values = {
            "app_label": "news",
            "model_name": "articlepage",
            "content_type_app_name": "news",
            "content_type_model_name": "articlepage",
            "parent_page_id": self.section.pk,
            "revision_id": self.revision.pk,
            "revision_id_a": self.revision.pk,
            "revision_id_b": self.revision.pk,
            "task_id": self.task.pk,
            "filter_spec": "fill-100x100",
            "action_name": "approve",
            "mode_name": "",
            "blog_id": self.blog.pk,
            "entry_id": self.entry.pk,
        }
        return {arg: values.get(arg, self.id_for(name)) for arg in names}


def admin_urls(objects):
    urls = {}
    for name, pattern in admin_patterns():
        try:
            url = reverse(name, kwargs=objects.arguments(name, argument_names(pattern)))
        except NoReverseMatch:
            continue
        urls.setdefault(name, url)
    return list(urls.items())


def variants(url):
    yield url.rstrip("/") if url.endswith("/") and url != "/admin/" else None
    yield url.replace("/admin/", "/admin//", 1)
    yield url.upper()


def opens(client, url):
    """Whether the URL shows its own page: a 200 there, or after adding a trailing slash.

    A refusal in Wagtail's admin is a 403, a 404, or a redirect to the login form or
    to the dashboard with a message; none of those counts as opening the page. A redirect
    elsewhere is not followed: whatever is there, it is not this URL's page (and the
    dashboard, where most refusals lead, is the admin's slowest page to render).
    """
    same_page = {url.lower(), url.lower() + "/"}
    response = client.get(url)
    for _hop in range(MAX_REDIRECTS):
        if response.status_code not in (301, 302, 303, 307, 308):
            break
        target = urlsplit(response["Location"])
        if target.path.lower() not in same_page:
            return False
        response = client.get(target._replace(scheme="", netloc="").geturl())
    return response.status_code == 200


@pytest.fixture
def objects(contributor, editor, admin_user):
    return Objects([contributor, editor, admin_user])


@pytest.mark.slow  # the same on any database: make test runs it once, on SQLite
@pytest.mark.django_db
def test_every_admin_url_answers_each_role_as_allowed(
    client, objects, contributor, editor, moderator, admin_user
):
    client.raise_request_exception = False  # a 500 is an answer to record, not a crash
    urls = admin_urls(objects)
    assert len(urls) > 150, "the walk should cover Wagtail's whole admin"
    roles = [
        ("anonymous", None, PUBLIC_VIEWS),
        ("contributor", contributor, PUBLIC_VIEWS | CONTRIBUTOR_VIEWS),
        ("editor", editor, PUBLIC_VIEWS | EDITOR_VIEWS),
        ("moderator", moderator, PUBLIC_VIEWS | MODERATOR_VIEWS),
    ]
    unexpected = []
    for role, user, allowed in roles:
        client.logout()
        if user:
            client.force_login(user)
        for name, url in urls:
            if name == "wagtailadmin_logout":
                continue  # it would end the walk's session
            if opens(client, url) and name not in allowed:
                unexpected.append(f"{role} opened {name} ({url})")
            # A variant reaches a view by the URL alone: asked by a visitor and by the two
            # staff roles that are refused the most (each other's work), it meets every
            # check a path could slip past; the editor is refused little of it.
            if name not in allowed and role in VARIANTS_ASKED_BY:
                for variant in filter(None, variants(url)):
                    if opens(client, variant):
                        unexpected.append(f"{role} opened {name} through {variant}")
            if user:
                assert "_auth_user_id" in client.session, f"{url} signed the {role} out"
    assert not unexpected, "\n".join(unexpected)


@pytest.mark.django_db
def test_an_admin_opens_the_whole_admin_without_a_server_error(client, objects, admin_user):
    client.raise_request_exception = False
    client.force_login(admin_user)
    broken = []
    for name, url in admin_urls(objects):
        status = client.get(url).status_code
        if status >= 500 and name != "wagtailadmin_error_test":  # Wagtail's deliberate error page
            broken.append(f"{status} {name} ({url})")
    assert not broken, "\n".join(broken)
