from django_tasks import task
from wagtail.search import index

from .models import LiveBlogPage


@task()
def reindex_live_blog(blog_id: int):
    """Search finds a live blog by the words of its updates; reindexing after each one is
    slow enough (every entry's text) to keep out of the editor's request."""
    blog = LiveBlogPage.objects.filter(pk=blog_id).first()
    if blog is None:
        return False
    index.insert_or_update_object(blog)
    return True
