"""Wagtail's search on PostgreSQL, in each page's language.

Each indexed object is read with the text-search configuration of its own language (a page's
locale; other models with a `locale` likewise; everything else English), so that an inflected
form finds the word ("coopérations" finds "coopération" on a French page). Its words are also
kept as they are written (the `simple` configuration), and a search asks for the words both in
the active language's configuration and as typed: a word spelled the same in two languages
finds the page whatever language the visitor reads the portal in. Autocomplete is unchanged (it
reads everything with `simple`).

Selected in settings only when the database is PostgreSQL; on SQLite Wagtail's database backend
answers in the same shape, word by word as typed.
"""

from django.contrib.postgres.search import SearchVector
from django.db.models import TextField, Value, prefetch_related_objects
from django.db.models.sql.subqueries import InsertQuery
from django.utils import translation
from modelsearch.backends.database.postgres.postgres import (
    EMPTY_VECTOR,
    IndexEntry,
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.utils import ADD, get_content_type_pk

from .search import text_search_config

# Words as written, in every language: what a search in any language can always match.
AS_WRITTEN = "simple"
DEFAULT_LANGUAGE = "en"


def language_config(language_code: str | None) -> str:
    """The text-search configuration for a language code ("fr", "pt-pt", None: English)."""
    code = (language_code or DEFAULT_LANGUAGE).lower()
    return text_search_config(code.split("-")[0])


def object_config(obj) -> str:
    """The configuration of `obj`'s own language: its locale's, or English without one."""
    locale = getattr(obj, "locale", None) if hasattr(obj, "locale_id") else None
    return language_config(locale.language_code if locale is not None else None)


class LanguageObjectIndexer(ObjectIndexer):
    """Indexes title and body in the object's language and as written; autocomplete as
    before."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.config = object_config(obj)

    def as_vector(self, texts, for_autocomplete=False):
        if for_autocomplete:
            return super().as_vector(texts, for_autocomplete=True)
        texts = [(text.strip(), weight) for text, weight in texts]
        texts = [(text, weight) for text, weight in texts if text]
        if not texts:
            return EMPTY_VECTOR
        configs = [self.config] if self.config == AS_WRITTEN else [self.config, AS_WRITTEN]
        return ADD(
            [
                SearchVector(Value(text, output_field=TextField()), weight=weight, config=config)
                for text, weight in texts
                for config in configs
            ]
        )


class LanguageIndex(PostgresIndex):
    """PostgresIndex.add_items with the indexer above (modelsearch names its own class there)."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        objs = list(objs)
        if not objs:
            return
        if hasattr(objs[0], "locale_id"):
            prefetch_related_objects(objs, "locale")  # the locales in one query
        indexers = [LanguageObjectIndexer(obj, self.backend) for obj in objs]
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        content_type_pk = get_content_type_pk(model)
        rows = []
        params = []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title,
                    autocomplete, body, title_norm, title_text, body_text)
                (VALUES {", ".join(rows)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                params,
            )
        self._refresh_title_norms()


class LanguageSearchQueryCompiler(PostgresSearchQueryCompiler):
    """Asks for the query in the active language's configuration or as typed (`simple`)."""

    def get_config(self, backend):
        return language_config(translation.get_language())

    def build_tsquery(self, query, config=None):
        in_language = self.build_tsquery_content(query, config=config)
        if in_language is None or config == AS_WRITTEN:
            return in_language
        as_written = self.build_tsquery_content(query, config=AS_WRITTEN)
        return in_language if as_written is None else in_language | as_written

    def get_fields_vectors(self, search_query):
        # Searching named fields reads them on the fly: in the active language and as written.
        config = language_config(translation.get_language())
        return [
            (
                SearchVector(field_lookup, config=config)
                + SearchVector(field_lookup, config=AS_WRITTEN),
                search_field.boost,
            )
            for field_lookup, search_field in self.search_fields.items()
        ]


class LanguageSearchBackend(PostgresSearchBackend):
    query_compiler_class = LanguageSearchQueryCompiler
    # Autocomplete stays as modelsearch has it: prefixes of the words as written (`simple`).
    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.config = self.config or language_config(DEFAULT_LANGUAGE)


SearchBackend = LanguageSearchBackend
