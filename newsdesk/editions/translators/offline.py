from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

# Phrases of the newsroom's furniture, so a demo draft shows something translated; a
# newsroom using this backend writes the rest itself.
GLOSSARY = {
    "es": {
        "Correction": "Corrección",
        "Update": "Actualización",
        "The council met on Tuesday evening.": "El concejo se reunió el martes por la tarde.",
    },
    "ar": {
        "Correction": "تصحيح",
        "Update": "تحديث",
        "The council met on Tuesday evening.": "اجتمع المجلس مساء الثلاثاء.",
    },
}


class GlossaryTranslator(BaseMachineTranslator):
    """Needs no network: a phrase from the glossary is translated, anything else is kept as
    written, and the draft stays marked machine-drafted until an editor reviews it."""

    display_name = "Offline glossary"

    def translate(self, source_locale, target_locale, strings):
        glossary = GLOSSARY.get(target_locale.language_code, {})
        glossary = glossary | dict(
            self.options.get("GLOSSARY", {}).get(target_locale.language_code, {})
        )
        found = {}
        for string in strings:
            text = string.render_text()
            found[string] = (
                StringValue.from_plaintext(glossary[text]) if text in glossary else string
            )
        return found

    def can_translate(self, source_locale, target_locale):
        return source_locale.language_code != target_locale.language_code
