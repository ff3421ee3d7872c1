import pytest
from django.contrib.staticfiles import finders

from newsdesk.news.tests.factories import ArticleFactory


@pytest.mark.django_db
def test_pages_name_the_icon_and_favicon_ico_leads_to_it(client, us_section):
    html = client.get(ArticleFactory(parent=us_section).url).content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
    assert "max-age=86400" in response["Cache-Control"]
    assert finders.find("favicon.svg")
