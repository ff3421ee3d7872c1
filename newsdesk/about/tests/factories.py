import factory
import wagtail_factories

from newsdesk.about.models import CorrectionsPage, InfoPage
from newsdesk.news.tests.factories import site_home


class InfoPageFactory(wagtail_factories.PageFactory):
    title = "About us"
    slug = "about"
    intro = "Who we are and how we work."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>We report on the bay.</p>")])
    parent = factory.LazyFunction(site_home)

    class Meta:
        model = InfoPage


class CorrectionsPageFactory(InfoPageFactory):
    title = "Corrections"
    slug = "corrections"

    class Meta:
        model = CorrectionsPage
