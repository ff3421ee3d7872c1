from django_tasks import task
from wagtail.images import get_image_model
from wagtail.models import Page

from .renditions.making import make_renditions
from .renditions.pages import photo_ids_shown_by


@task()
def make_photo_renditions(image_id: int):
    """Make the photo's missing renditions (every registered set); what was done, as a
    dict. A photo deleted since is nothing to do."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return None
    return make_renditions(image).as_dict()


@task()
def make_page_photo_renditions(page_id: int):
    """Queue the renditions of every photo a page shows, teasers' and bylines' included;
    each photo is its own task, so one damaged photo holds up none of the others."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return []
    image_ids = sorted(photo_ids_shown_by(page.specific))
    for image_id in image_ids:
        make_photo_renditions.enqueue(image_id)
    return image_ids
