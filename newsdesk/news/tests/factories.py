import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Site
from wagtail.search import index
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsdesk.multimedia.tests.factories import PhotoFactory
from newsdesk.news.models import ArticleByline, ArticlePage, Author, HomePage, SectionPage


def site_home():
    return Site.objects.get(is_default_site=True).root_page.specific


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Front page"

    class Meta:
        model = HomePage


class SectionFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")
    show_in_menus = True
    parent = factory.LazyFunction(site_home)

    class Meta:
        model = SectionPage


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    job_title = "Correspondent"

    class Meta:
        model = Author


class ArticleFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Harbour council votes on the new sea wall, part {n}")
    standfirst = "The vote follows two winters of flooding in the lower town."
    parent = factory.SubFactory(SectionFactory)
    lead_image = factory.SubFactory(PhotoFactory)
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", "<p>The council met on Tuesday evening.</p>"),
            (
                "quote",
                {
                    "quote": "We cannot wait for a third winter.",
                    "speaker": "Mara Ellison",
                    "role": "Harbour Master",
                },
            ),
        ]
    )

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def authors(obj, create, extracted, **kwargs):
        for position, author in enumerate(extracted or []):
            ArticleByline.objects.create(page=obj, author=author, sort_order=position)
        if extracted:
            index.insert_or_update_object(obj)  # as publishing in the admin would

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        published_at = kwargs.pop("published_at", None)
        page = super()._create(model_class, *args, **kwargs)
        if published_at:
            ArticlePage.objects.filter(pk=page.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
            page.first_published_at = page.last_published_at = published_at
        elif page.live and not page.first_published_at:
            now = timezone.now()
            ArticlePage.objects.filter(pk=page.pk).update(
                first_published_at=now, last_published_at=now
            )
            page.first_published_at = page.last_published_at = now
        return page


def article_form(title, **fields):
    """What the admin's article form posts, for tests that go through the real views."""
    data = {
        "title": title,
        "slug": "a-story",
        "kicker": "news",
        "standfirst": "A standfirst.",
        "body": streamfield([("paragraph", rich_text("<p>Words the editor typed.</p>"))]),
        "tags": "",
        "bylines": inline_formset([]),
        "related_links": inline_formset([]),
        "corrections": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)
