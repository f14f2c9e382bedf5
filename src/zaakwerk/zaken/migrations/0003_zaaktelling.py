"""ZaakTelling: the number of zaken per zaaktype and vertrouwelijkheid rank, kept by statement
triggers with transition tables on zaken_zaak (PostgreSQL only; one grouped statement per
INSERT/UPDATE/DELETE statement, so a bulk insert of a million rows costs one aggregate, not a
million row triggers). An UPDATE that changes a zaak's zaaktype_id or vertrouwelijkheid_rank moves
it between rows (a row trigger with a WHEN condition: other updates cost nothing). TRUNCATE empties it. Existing zaken are
counted once here."""

import django.db.models.deletion
from django.db import migrations, models


UPSERT = """
    INSERT INTO zaken_zaaktelling (zaaktype_id, vertrouwelijkheid_rank, aantal)
    SELECT zaaktype_id, vertrouwelijkheid_rank, sum(d) FROM ({rows}) AS delta
    GROUP BY zaaktype_id, vertrouwelijkheid_rank HAVING sum(d) <> 0
    ON CONFLICT (zaaktype_id, vertrouwelijkheid_rank)
    DO UPDATE SET aantal = zaken_zaaktelling.aantal + EXCLUDED.aantal"""
NEW = "SELECT zaaktype_id, vertrouwelijkheid_rank, 1 AS d FROM nieuw"
OLD = "SELECT zaaktype_id, vertrouwelijkheid_rank, -1 AS d FROM oud"


def _function(name: str, rows: str) -> str:
    return (f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
            f"{UPSERT.format(rows=rows)}; RETURN NULL; END; $$ LANGUAGE plpgsql")


CREATE = [
    _function("zaken_zaaktelling_insert", NEW),
    _function("zaken_zaaktelling_delete", OLD),
    # a row trigger (transition tables and column lists do not combine); its WHEN is evaluated
    # without calling the function, so an UPDATE that keeps zaaktype and rank costs nothing
    _function("zaken_zaaktelling_update",
              "SELECT OLD.zaaktype_id AS zaaktype_id, OLD.vertrouwelijkheid_rank AS vertrouwelijkheid_rank, -1 AS d "
              "UNION ALL SELECT NEW.zaaktype_id, NEW.vertrouwelijkheid_rank, 1"),
    """CREATE OR REPLACE FUNCTION zaken_zaaktelling_truncate() RETURNS trigger AS $$
       BEGIN DELETE FROM zaken_zaaktelling; RETURN NULL; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER zaken_zaaktelling_insert AFTER INSERT ON zaken_zaak
       REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION zaken_zaaktelling_insert()""",
    """CREATE TRIGGER zaken_zaaktelling_delete AFTER DELETE ON zaken_zaak
       REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION zaken_zaaktelling_delete()""",
    """CREATE TRIGGER zaken_zaaktelling_update AFTER UPDATE OF zaaktype_id, vertrouwelijkheid_rank ON zaken_zaak
       FOR EACH ROW WHEN (OLD.zaaktype_id IS DISTINCT FROM NEW.zaaktype_id
                          OR OLD.vertrouwelijkheid_rank IS DISTINCT FROM NEW.vertrouwelijkheid_rank)
       EXECUTE FUNCTION zaken_zaaktelling_update()""",
    """CREATE TRIGGER zaken_zaaktelling_truncate AFTER TRUNCATE ON zaken_zaak
       FOR EACH STATEMENT EXECUTE FUNCTION zaken_zaaktelling_truncate()""",
    """INSERT INTO zaken_zaaktelling (zaaktype_id, vertrouwelijkheid_rank, aantal)
       SELECT zaaktype_id, vertrouwelijkheid_rank, count(*) FROM zaken_zaak
       GROUP BY zaaktype_id, vertrouwelijkheid_rank""",
]
DROP = [
    *(f"DROP TRIGGER IF EXISTS zaken_zaaktelling_{event} ON zaken_zaak"
      for event in ("insert", "delete", "update", "truncate")),
    *(f"DROP FUNCTION IF EXISTS zaken_zaaktelling_{event}()" for event in ("insert", "delete", "update", "truncate")),
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

    dependencies = [
        ('catalogi', '0001_initial'),
        ('zaken', '0002_rol_lengths'),
    ]

    operations = [
        migrations.CreateModel(
            name='ZaakTelling',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('vertrouwelijkheid_rank', models.PositiveSmallIntegerField()),
                ('aantal', models.BigIntegerField(default=0)),
                ('zaaktype', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='catalogi.zaaktype')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('zaaktype', 'vertrouwelijkheid_rank'), name='zaaktelling_uniek')],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
