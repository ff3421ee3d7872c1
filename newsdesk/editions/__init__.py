"""Editions: the newsroom's site in several languages, and the translation desk.

conf.py      the editions (language, direction, locale names, search configuration)
middleware   the edition of each request, from its path prefix or its host
urls.py      edition_patterns() for the reader URLs, the language choice endpoint
alternates   a page's translations readers may see (hreflang links, the switcher)
models.py    TranslationState: each translation's source revision, stale or not
stale.py     stale detection when a source is published, the diff the desk reads
actions.py   "translate into", machine drafts, the correction carry-over
translators/ machine translation backends (offline, DeepL)

Imports news and core; nothing outside this app imports it except settings, urls and
templates (through its template tags).
"""
