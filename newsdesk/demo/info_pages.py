"""The demo newsroom's pages about itself, its footer, and a few published corrections.

The loader calls add_info_pages(home) once the stories are published and backdated. Pages
that exist already (found by slug under the front page) are left as they are.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Site

from newsdesk.about.models import (
    CorrectionsPage,
    FooterLink,
    FooterSettings,
    InfoPage,
    SocialAccount,
)
from newsdesk.core.models import NewsroomSettings
from newsdesk.news.models import ArticleCorrection, ArticlePage

NEWSROOM_X_HANDLE = "bellhavendesk"
COPYRIGHT_HOLDER = "The Newsdesk, Bellhaven"

# (slug, title, intro, body), body as (subheading or None, paragraphs) parts.
INFO_PAGES = [
    (
        "about",
        "About us",
        "The Newsdesk reports on Bellhaven and the towns along its bay, every day of the year.",
        [
            (
                None,
                [
                    "We are a newsroom of reporters, editors, photographers and producers "
                    "based on the quay in the old harbour office. We cover the council, the "
                    "courts, the port, schools, sport and the arts, and we follow the stories "
                    "from the bay out into the wider world when they reach us here.",
                ],
            ),
            (
                "Who pays for our journalism",
                [
                    "Readers' subscriptions pay for most of our work, with advertising and a "
                    "few grants for particular projects. No funder sees a story before it is "
                    "published or has any say in what we cover.",
                ],
            ),
        ],
    ),
    (
        "contact",
        "Contact us",
        "How to reach the newsroom with a tip, a question or a complaint.",
        [
            (
                "News tips",
                [
                    "Write to tips@example.com or call the newsdesk on 0100 555 0199, "
                    "from 7 in the morning to 11 at night. Tell us how to reach you again; "
                    "we never name a source who asks not to be named.",
                ],
            ),
            (
                "A mistake in a story",
                [
                    "Write to corrections@example.com with the story's address and what is "
                    "wrong. An editor who did not work on the story will reply within a day.",
                ],
            ),
        ],
    ),
    (
        "ethics",
        "Ethics policy",
        "The standards every member of the newsroom works to.",
        [
            (
                "Accuracy and fairness",
                [
                    "We check what we publish with more than one source where we can, and we "
                    "give the people and organisations we write about a fair chance to reply "
                    "before a story is published.",
                ],
            ),
            (
                "Independence",
                [
                    "Our staff accept no gifts, trips or payments from the people they cover. "
                    "Opinion pieces are labelled as opinion, and sponsored content is never "
                    "made to look like our reporting.",
                ],
            ),
            (
                "Anonymous sources",
                [
                    "We name our sources unless naming them would put them at risk. When we "
                    "do not, an editor knows who they are, and the story says why they are "
                    "not named.",
                ],
            ),
        ],
    ),
]

CORRECTIONS_PAGE = (
    "corrections",
    "Corrections",
    "When we get something wrong, we say so here and on the story.",
    [
        (
            "How we correct our stories",
            [
                "A factual mistake is corrected in the story as soon as we confirm it, with a "
                "note at the end of the story that says what was wrong. We do not quietly "
                "change what we published. Every correction is listed below, newest first.",
                "To tell us about a mistake, write to corrections@example.com.",
            ],
        ),
    ],
)

# (story slug, note): corrections published on demo stories.
CORRECTIONS = [
    (
        "saltmarsh-library-reopens",
        "An earlier version of this story said the rebuild took three years. It took two.",
    ),
    (
        "port-container-volumes-record",
        "An earlier version of this story gave the wrong number of new cranes at the port.",
    ),
]

FOOTER_LINKS = [
    (FooterLink.Column.NEWSROOM, "about", ""),
    (FooterLink.Column.NEWSROOM, "contact", ""),
    (FooterLink.Column.STANDARDS, "ethics", ""),
    (FooterLink.Column.STANDARDS, "corrections", ""),
]
SOCIAL_ACCOUNTS = [
    (SocialAccount.Network.FACEBOOK, "https://www.facebook.com/example.newsdesk"),
    (SocialAccount.Network.INSTAGRAM, "https://www.instagram.com/example.newsdesk/"),
    (SocialAccount.Network.MASTODON, "https://mastodon.example/@newsdesk"),
]


def add_info_pages(home):
    pages = {
        slug: add_page(home, InfoPage, slug, title, intro, body)
        for slug, title, intro, body in INFO_PAGES
    }
    pages["corrections"] = add_page(home, CorrectionsPage, *CORRECTIONS_PAGE)
    fill_in_footer(Site.objects.get(root_page=home), pages)
    add_corrections()
    return pages


def add_page(home, model, slug, title, intro, body):
    existing = model.objects.child_of(home).filter(slug=slug).first()
    if existing:
        return existing
    page = model(title=title, slug=slug, intro=intro, body=body_blocks(body))
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def body_blocks(parts):
    blocks = []
    for subheading, paragraphs in parts:
        if subheading:
            blocks.append(("subheading", subheading))
        blocks += [("paragraph", f"<p>{escape(text)}</p>") for text in paragraphs]
    return blocks


def fill_in_footer(site, pages):
    footer = FooterSettings.for_site(site)
    if not footer.links.exists():
        footer.links = [
            FooterLink(column=column, page=pages[slug], label=label)
            for column, slug, label in FOOTER_LINKS
        ]
    if not footer.social_accounts.exists():
        footer.social_accounts = [
            SocialAccount(network=network, url=url) for network, url in SOCIAL_ACCOUNTS
        ]
    footer.save()
    newsroom = NewsroomSettings.for_site(site)
    newsroom.x_handle = newsroom.x_handle or NEWSROOM_X_HANDLE
    newsroom.copyright_holder = newsroom.copyright_holder or COPYRIGHT_HOLDER
    newsroom.save()


def add_corrections():
    """Each correction published with the story, as an editor would, a few hours after the
    story first went out; the story is then stamped as updated at that time."""
    for slug, note in CORRECTIONS:
        story = ArticlePage.objects.filter(slug=slug).first()
        if story is None or story.corrections.exists():
            continue
        noted_at = min(story.first_published_at + timedelta(hours=3), timezone.now())
        story.corrections.add(ArticleCorrection(note=note, noted_at=noted_at))
        story.save_revision().publish()
        ArticlePage.objects.filter(pk=story.pk).update(
            last_published_at=noted_at, latest_revision_created_at=noted_at
        )
