"""`{% srcset_image %}` and `{% picture %}` that list each width once.

Wagtail never enlarges a photo, so a photo narrower than the biggest size asked for
yields several renditions of the same width, and a srcset naming one width twice is
invalid HTML (the browser may then pick any of them). Load this library after
wagtailimages_tags; the tags take the same arguments as Wagtail's.
"""

from pathlib import PurePosixPath

from django import template
from wagtail.images.models import Picture, ResponsiveImage
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags.wagtailimages_tags import SrcsetImageNode, image

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


class DistinctWidthsNode(SrcsetImageNode):
    wrapper = ResponsiveImage

    def render(self, context):
        photo = self.validate_image(context)
        if not photo:
            return ""
        renditions = distinct_widths(get_renditions_or_not_found(photo, self.get_filters()))
        if self.output_var_name:
            context[self.output_var_name] = self.wrapper(renditions)
            return ""
        attrs = {key: value.resolve(context) for key, value in self.attrs.items()}
        return self.wrapper(renditions, attrs).__html__()


class DistinctWidthsPictureNode(DistinctWidthsNode):
    wrapper = Picture


def distinct_widths_tag(node_class):
    def tag(parser, token):
        node = image(parser, token)
        return node_class(
            node.image_expr,
            node.filter_specs,
            output_var_name=node.output_var_name,
            attrs=node.attrs,
        )

    return tag


register.tag("srcset_image", distinct_widths_tag(DistinctWidthsNode))
register.tag("picture", distinct_widths_tag(DistinctWidthsPictureNode))
