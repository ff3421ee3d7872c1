"""Site search with each edition's stemming, on PostgreSQL: a Wagtail database search
backend whose documents are indexed with their own language's text search configuration
(a Spanish story with "spanish"), and whose queries use the edition's being read.

SQLite's FTS5 has no stemmer per language: the embedded default keeps Wagtail's backend,
which matches words as written (and English stems through the porter tokenizer).
"""

from collections import defaultdict
from contextvars import ContextVar

from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)

from .conf import SEARCH_CONFIGS, current_edition

indexing_config = ContextVar("indexing_config", default=None)


def config_for(obj):
    locale = getattr(obj, "locale", None)
    if locale is None:
        return current_edition().search_config
    return SEARCH_CONFIGS.get(locale.language_code, "simple")


class EditionIndex(PostgresIndex):
    def add_items(self, model, objs):
        by_config = defaultdict(list)
        for obj in objs:
            by_config[config_for(obj)].append(obj)
        for config, group in by_config.items():
            token = indexing_config.set(config)
            try:
                super().add_items(model, group)
            finally:
                indexing_config.reset(token)


class EditionQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return current_edition().search_config


class EditionSearchResults(PostgresSearchResults):
    pass


class EditionSearchBackend(PostgresSearchBackend):
    query_compiler_class = EditionQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler
    index_class = EditionIndex
    results_class = EditionSearchResults

    @property
    def config(self):
        """The configuration documents are indexed with (ObjectIndexer reads it)."""
        return indexing_config.get() or current_edition().search_config

    @config.setter
    def config(self, value):
        pass  # SEARCH_CONFIG: each edition's own configuration is used instead


SearchBackend = EditionSearchBackend
