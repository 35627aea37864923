"""The full-text structures behind search/backends.py, each on its own database only:

- SQLite: an FTS5 table search_entry_fts(title, body) whose rowid is the SearchEntry id, and a
  trigger that removes an entry's row when the entry is deleted.
- PostgreSQL: a tsvector column search_document on search_searchentry with a GIN index.

Python fills both (backends.py). Run `manage.py search_reindex` after migrating to fill the
index from the existing content. Reversible on both databases."""

from django.db import migrations

SQLITE_FORWARDS = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN "
    "DELETE FROM search_entry_fts WHERE rowid = old.id; END",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TABLE IF EXISTS search_entry_fts",
]
POSTGRES_FORWARDS = [
    "ALTER TABLE search_searchentry ADD COLUMN search_document tsvector",
    "CREATE INDEX search_entry_document_gin ON search_searchentry USING GIN (search_document)",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARDS, "postgresql": POSTGRES_FORWARDS}),
            _run({"sqlite": SQLITE_BACKWARDS, "postgresql": POSTGRES_BACKWARDS}),
            elidable=False,
        ),
    ]
