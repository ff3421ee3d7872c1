"""The newsroom's people at their browsers, and the stories they work on, for tests that
go through the real admin views."""

import re
from datetime import timedelta

import requests
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text, streamfield

from newsdesk.news.tests.factories import ArticleFactory, article_form

TIMEOUT = 30  # seconds, for every request and every wait on the other thread


class Desk:
    """One person's browser on the admin: its own session, against the live server."""

    def __init__(self, base_url, user):
        self.base_url = base_url
        self.user = user
        self.http = requests.Session()
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.http.cookies.set(settings.SESSION_COOKIE_NAME, session)
        self.seen = {}

    def get(self, path):
        response = self.http.get(self.base_url + path, timeout=TIMEOUT)
        assert response.status_code < 500, response.text[:2000]
        return response

    def open_editor(self, page):
        """Load the page's edit view, as the person sees it before they click."""
        html = self.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).text
        self.seen = {
            name: hidden_input(name, html)
            for name in ("loaded_revision_id", "loaded_revision_created_at")
        }
        return html

    def post(self, path, data, **headers):
        token = self.http.cookies.get("csrftoken") or self.csrf_token()
        data = {**data, "csrfmiddlewaretoken": token}
        return self.http.post(
            self.base_url + path,
            data=data,
            headers={"Referer": self.base_url + path, **headers},
            timeout=TIMEOUT,
        )

    def csrf_token(self):
        self.get(reverse("wagtailadmin_home"))
        return self.http.cookies["csrftoken"]

    def edit(self, page, body="Words the editor typed.", **action):
        """Post the edit form the person loaded, with one of its buttons."""
        form = article_form(page.title, slug=page.slug, body=body_of(body), **self.seen, **action)
        return self.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), form)

    def approve_in_editor(self, page):
        return self.edit(
            page, **{"action-workflow-action": "true", "workflow-action-name": "approve"}
        )

    def autosave(self, page):
        form = article_form(page.title, slug=page.slug, body=body_of("An autosaved sentence."))
        return self.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {**form, **self.seen},
            Accept="application/json",
        )

    def task_action(self, page, action, task_state, comment=""):
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        return self.post(url, {"comment": comment})

    def publish(self, page, go_live_at=None):
        fields = {"action-publish": "true"}
        if go_live_at:
            fields["go_live_at"] = timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M")
        return self.edit(page, **fields)


def body_of(text):
    return streamfield([("paragraph", rich_text(f"<p>{text}</p>"))])


def hidden_input(name, html):
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    return found.group(1) if found else ""


def submitted_story(section, author, title):
    """A new story the contributor wrote and submitted: never published, in review."""
    page = ArticleFactory(parent=section, title=title, live=False, owner=author)
    Page.objects.filter(pk=page.pk).update(first_published_at=None, last_published_at=None)
    page.refresh_from_db()
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    mail.outbox.clear()
    return page


def draft_story(section, author, title):
    page = ArticleFactory(parent=section, title=title, live=False, owner=author)
    Page.objects.filter(pk=page.pk).update(first_published_at=None, last_published_at=None)
    page.refresh_from_db()
    page.save_revision(user=author)
    return page


def in_three_hours():
    return timezone.now() + timedelta(hours=3)
