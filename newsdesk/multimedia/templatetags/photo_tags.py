"""`{% image %}`, `{% srcset_image %}` and `{% picture %}` that name a rendition set and
never make a rendition.

    {% load wagtailimages_tags photo_tags %}
    {% picture page.lead_image lead_photo sizes="100vw" alt=page.lead_image.default_alt_text %}

The set (renditions/registry.py) stands for the specs; a name no app registered is a
template syntax error, so a template cannot ask for a rendition the worker does not make.
Each tag shows the set's renditions that exist (renditions/shown.py: a missing one is
queued for the worker; with none, the original stands in). Attributes and `as` work as in
Wagtail's tags. Load this library after wagtailimages_tags.

Wagtail never enlarges a photo, so a photo narrower than the biggest size asked for has
several renditions of the same width, and a srcset naming one width twice is invalid HTML
(the browser may then pick any of them): each width is listed once.
"""

from pathlib import PurePosixPath

from django import template
from wagtail.images.models import Picture, ResponsiveImage
from wagtail.images.templatetags.wagtailimages_tags import ImageNode, image

from ..renditions import get_rendition_set, shown_renditions

register = template.Library()


def distinct_widths(renditions):
    """{spec: rendition} keeping the first rendition of each file format and width."""
    kept, seen = {}, set()
    for spec, rendition in renditions.items():
        key = (PurePosixPath(rendition.file.name).suffix, rendition.width)
        if key not in seen:
            seen.add(key)
            kept[spec] = rendition
    return kept


class RenditionSetNode(ImageNode):
    def __init__(self, image_expr, set_name, output_var_name=None, attrs=None):
        super().__init__(image_expr, [set_name], output_var_name=output_var_name, attrs=attrs)
        self.set_name = set_name

    def render(self, context):
        photo = self.validate_image(context)
        if not photo:
            return ""
        shown = self.shown(shown_renditions(photo, self.set_name))
        if self.output_var_name:
            context[self.output_var_name] = shown
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return self.html(shown, attrs)

    def shown(self, renditions):
        return next(iter(renditions.values()))

    def html(self, rendition, attrs):
        return rendition.img_tag(attrs)


class SrcsetNode(RenditionSetNode):
    wrapper = ResponsiveImage

    def shown(self, renditions):
        return self.wrapper(distinct_widths(renditions))

    def html(self, shown, attrs):
        groups = getattr(shown, "formats", None) or {"": shown.renditions}
        if all(len(renditions) == 1 for renditions in groups.values()):
            attrs.pop("sizes", None)  # HTML allows sizes only beside a srcset
        shown.attrs = attrs
        return shown.__html__()


class PictureNode(SrcsetNode):
    wrapper = Picture


def rendition_set_tag(node_class):
    def tag(parser, token):
        node = image(parser, token)
        tag_name = token.split_contents()[0]
        if len(node.filter_specs) != 1:
            raise template.TemplateSyntaxError(
                f"{{% {tag_name} %}} takes one rendition set's name, not filter specs "
                f"(given: {' '.join(node.filter_specs)})."
            )
        set_name = node.filter_specs[0]
        try:
            get_rendition_set(set_name)
        except LookupError as error:
            raise template.TemplateSyntaxError(f"{{% {tag_name} %}}: {error}") from None
        return node_class(
            node.image_expr, set_name, output_var_name=node.output_var_name, attrs=node.attrs
        )

    return tag


register.tag("image", rendition_set_tag(RenditionSetNode))
register.tag("srcset_image", rendition_set_tag(SrcsetNode))
register.tag("picture", rendition_set_tag(PictureNode))
