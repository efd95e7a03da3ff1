"""Full-text search on PostgreSQL: the unaccent extension and GIN indexes on the search vectors.

SQLite has neither; there the services module fills `search_document` with accent-free text and
search falls back to it, so these operations do nothing there.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class RunSQLOnPostgres(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [
        UnaccentExtension(),
        RunSQLOnPostgres(
            "CREATE INDEX directory_service_search_gin ON directory_service USING gin (search_vector);",
            "DROP INDEX IF EXISTS directory_service_search_gin;",
        ),
        RunSQLOnPostgres(
            "CREATE INDEX directory_hub_search_gin ON directory_hub USING gin (search_vector);",
            "DROP INDEX IF EXISTS directory_hub_search_gin;",
        ),
    ]
