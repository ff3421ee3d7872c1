import pytest

from newsdesk.comments.demo import add_demo_comments
from newsdesk.comments.models import Comment
from newsdesk.news.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_demo_comments_give_every_screen_something_and_load_once(section):
    articles = ArticleFactory.create_batch(3, parent=section)

    made = add_demo_comments(articles)

    assert made == Comment.objects.count() > 0
    assert all(Comment.objects.filter(page=article).exists() for article in articles)
    assert Comment.objects.filter(is_newsroom_reply=True).exists()
    assert Comment.objects.filter(state=Comment.State.PENDING).exists()
    assert Comment.objects.filter(depth=2).exists()
    assert add_demo_comments(articles) == 0  # a second load adds nothing
