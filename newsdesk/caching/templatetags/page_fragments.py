"""{% fragment %} and {% shared_fragment %}: parts of a page kept rendered (fragments.py).

    {% load page_fragments %}
    {% shared_fragment "header" page.path|slice:":12" %}...{% endshared_fragment %}
    {% fragment "story" %}...{% endfragment %}

The name, then any values the fragment varies by (the current section above, say).
"""

from django import template

from ..fragments import render_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary, shared):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary
        self.shared = shared

    def render(self, context):
        vary = [value.resolve(context) for value in self.vary]
        return render_fragment(
            context, self.name.resolve(context), self.nodelist, vary, self.shared
        )


def parse_fragment(parser, token, shared):
    tag_name, *bits = token.split_contents()
    if not bits:
        raise template.TemplateSyntaxError(f"{tag_name} needs a name")
    nodelist = parser.parse((f"end{tag_name}",))
    parser.delete_first_token()
    name, *vary = (parser.compile_filter(bit) for bit in bits)
    return FragmentNode(nodelist, name, vary, shared)


@register.tag("fragment")
def fragment(parser, token):
    return parse_fragment(parser, token, shared=False)


@register.tag("shared_fragment")
def shared_fragment(parser, token):
    return parse_fragment(parser, token, shared=True)
