"""PostgreSQL only: a statement trigger on the outbox that NOTIFYs listening workers when a
transaction that wrote notifications commits, so delivery starts within milliseconds instead of
at the next poll. NOTIFY is transactional: a rolled-back change wakes no one. Polling stays the
fallback (SQLite, or a connection pooler that drops LISTEN)."""

from django.db import migrations

CREATE = [
    """CREATE OR REPLACE FUNCTION zaakwerk_outbox_notify() RETURNS trigger AS $$
    BEGIN
        PERFORM pg_notify('zaakwerk_outbox', '');
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS zaakwerk_outbox_notify ON core_outboxmessage",
    """CREATE TRIGGER zaakwerk_outbox_notify AFTER INSERT ON core_outboxmessage
        FOR EACH STATEMENT EXECUTE FUNCTION zaakwerk_outbox_notify()""",
]
DROP = [
    "DROP TRIGGER IF EXISTS zaakwerk_outbox_notify ON core_outboxmessage",
    "DROP FUNCTION IF EXISTS zaakwerk_outbox_notify()",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("notificaties", "0002_kanalen"), ("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
