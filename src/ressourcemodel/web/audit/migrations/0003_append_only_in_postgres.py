"""The audit trail and the access log are append-only in the database too (PostgreSQL): a
trigger refuses UPDATE and DELETE on both tables, whatever the application does. SQLite keeps
the model-level guard only."""

from django.db import migrations

TABLES = ("audit_auditlog", "audit_accesslog")

FUNCTION = """
CREATE OR REPLACE FUNCTION ressourcemodel_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE =
        'Revisionssporet og adgangsloggen kan ikke ændres eller slettes: ' || TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION ressourcemodel_append_only()"
        )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS ressourcemodel_append_only()")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_accesslog")]
    operations = [migrations.RunPython(forwards, backwards)]
