from wagtail import blocks

INLINE_FEATURES = ["bold", "italic", "link", "superscript", "subscript", "strikethrough"]
TEMPLATE_DIR = "components/streamfield/blocks"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", INLINE_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = f"{TEMPLATE_DIR}/paragraph_block.html"


class SubheadingBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 160)
        super().__init__(**kwargs)

    class Meta:
        icon = "title"
        form_classname = "title"
        template = f"{TEMPLATE_DIR}/subheading_block.html"


class ListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("bulleted", "Bulleted"), ("numbered", "Numbered")], default="bulleted"
    )
    items = blocks.ListBlock(blocks.RichTextBlock(features=INLINE_FEATURES), min_num=1)

    class Meta:
        icon = "list-ul"
        template = f"{TEMPLATE_DIR}/list_block.html"


class QuoteBlock(blocks.StructBlock):
    """A quotation in the run of the text, with who said it and in what capacity."""

    quote = blocks.TextBlock(max_length=2000)
    speaker = blocks.CharBlock(required=False, max_length=120)
    role = blocks.CharBlock(
        required=False, max_length=160, help_text='e.g. "Pentagon Press Secretary"'
    )

    class Meta:
        icon = "openquote"
        template = f"{TEMPLATE_DIR}/quote_block.html"


class PullQuoteBlock(blocks.StructBlock):
    """A short line lifted from the story and set large to draw the eye."""

    text = blocks.TextBlock(max_length=300)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = f"{TEMPLATE_DIR}/pull_quote_block.html"
