"""Machine translation backends, behind wagtail-localize's interface
(BaseMachineTranslator.translate(source_locale, target_locale, strings)), chosen by
WAGTAILLOCALIZE_MACHINE_TRANSLATOR, so its own editor and the desk's "translate into" use
the same one:

offline.GlossaryTranslator  no network: known phrases from a small glossary, other text
                            kept as it is for the editor to translate (demo and tests)
deepl.DeepLTranslator       DeepL's API (wagtail-localize's, with its address configurable
                            and HTTP errors raised rather than read as translations)
"""

from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.strings import StringValue


def translate_texts(source_locale, target_locale, texts):
    """{text: translated text} for plain strings, by the configured translator."""
    translator = get_machine_translator()
    values = {text: StringValue.from_plaintext(text) for text in dict.fromkeys(texts) if text}
    if translator is None or not values:
        return {text: text for text in values}
    translated = translator.translate(source_locale, target_locale, list(values.values()))
    return {text: translated[value].render_text() for text, value in values.items()}


def translator_name():
    translator = get_machine_translator()
    return translator.display_name if translator else ""
