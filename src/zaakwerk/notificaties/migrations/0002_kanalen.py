"""The kanalen of Zaakwerk's own registers, with the kenmerken of specs/kanalen.yaml (the
"Notificaties" sections of the ZGW API specifications). A source must register its kanaal before it
publishes; these exist from the first migration on, so every notification our registers write to
the outbox has a kanaal subscribers can choose."""

from django.db import migrations

DOCS = "https://vng-realisatie.github.io/gemma-zaken/standaard"

KANALEN = [
    ("zaken", f"{DOCS}/zaken/", ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"]),
    ("documenten", f"{DOCS}/documenten/", ["bronorganisatie", "informatieobjecttype", "vertrouwelijkheidaanduiding"]),
    ("besluiten", f"{DOCS}/besluiten/", ["verantwoordelijke_organisatie", "besluittype"]),
    ("zaaktypen", f"{DOCS}/catalogi/", ["catalogus"]),
    ("informatieobjecttypen", f"{DOCS}/catalogi/", ["catalogus"]),
    ("besluittypen", f"{DOCS}/catalogi/", ["catalogus"]),
    ("autorisaties", f"{DOCS}/autorisaties/", []),
]


def create(apps, schema_editor):
    Kanaal = apps.get_model("notificaties", "Kanaal")
    for naam, link, filters in KANALEN:
        Kanaal.objects.get_or_create(naam=naam, defaults={"documentatie_link": link, "filters": filters})


def remove(apps, schema_editor):
    Kanaal = apps.get_model("notificaties", "Kanaal")
    Kanaal.objects.filter(naam__in=[k[0] for k in KANALEN], filter_groups__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("notificaties", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
