import requests
from wagtail_localize.machine_translators.deepl import DeepLTranslator as LocalizeDeepL
from wagtail_localize.strings import StringValue


class DeepLTranslator(LocalizeDeepL):
    """OPTIONS: AUTH_KEY (a ":fx" key uses the free API), API_URL to name another address
    (a proxy, or a recording server in tests), TIMEOUT in seconds (default 30)."""

    def get_api_endpoint(self):
        return self.options.get("API_URL") or super().get_api_endpoint()

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        response = requests.post(
            self.get_api_endpoint(),
            self.get_parameters(source_locale, target_locale, strings),
            timeout=int(self.options.get("TIMEOUT", 30)),
            headers=self.get_headers(),
        )
        response.raise_for_status()  # a 403 or 456 (quota) is an error, not a translation
        translations = response.json()["translations"]
        return {
            string: StringValue(translation["text"])
            for string, translation in zip(strings, translations, strict=True)
        }

    def can_translate(self, source_locale, target_locale):
        return source_locale.language_code != target_locale.language_code
