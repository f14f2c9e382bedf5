"""Uploads in parts (BESTANDSDELen, Documenten API 1.1.0+): for files too large for one request.

1. A create or update with ``bestandsomvang`` and no ``inhoud`` announces the upload
   (``announce_upload``): parts of ``ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE`` bytes (the last one
   smaller), listed in the answer; the document is locked. At most ``MAX_BESTANDSDELEN`` parts
   (``bestandsomvang`` / ``max_value`` beyond that).
2. Each part is sent with the lock (``upload_bestandsdeel``); it must have exactly its ``omvang``
   (``inhoud`` / ``file-size``) and is stored as a file of its own, streamed.
3. The unlock merges the parts, in order and streamed, into the content of the latest version
   (``merge_parts`` + ``apply_merge``); a part not received is ``nonFieldErrors`` / ``incomplete-upload``, and the
   merged size must equal the announced ``bestandsomvang``.

A new content or a new announcement abandons a pending upload (``abandon_upload``); so does a
forced unlock of an incomplete one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from zaakwerk.autorisaties.queries import may
from zaakwerk.core.actor import Actor
from zaakwerk.core.errors import Forbidden, NotFound, ValidationFailed

from .. import storage
from ..models import (
    BestandsDeel,
    EnkelvoudigInformatieObject,
    EnkelvoudigInformatieObjectVersie,
)
from ..storage import Inhoud
from .common import (
    COMPONENT,
    NON_FIELD,
    SCOPE_BIJWERKEN,
    SCOPE_GEFORCEERD_BIJWERKEN,
    document_url,
    record_document_change,
    url,
)


# At most this many parts per upload (1 TiB with the default part size): every part is a row, listed
# in the answer; a bestandsomvang up to 2**63 would otherwise have the server write billions of them.
MAX_BESTANDSDELEN = 10_000


def part_size() -> int:
    return max(1, int(getattr(settings, "ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE", 100 * 1024**2)))


def announce_upload(document: EnkelvoudigInformatieObject, bestandsomvang: int) -> list[BestandsDeel]:
    size = part_size()
    if -(-bestandsomvang // size) > MAX_BESTANDSDELEN:
        raise ValidationFailed("bestandsomvang", "max_value",
                               f"Een upload in bestandsdelen is hoogstens {MAX_BESTANDSDELEN * size} bytes "
                               f"({MAX_BESTANDSDELEN} delen van {size} bytes).")
    parts = []
    offset, volgnummer = 0, 1
    while offset < bestandsomvang:
        omvang = min(size, bestandsomvang - offset)
        parts.append(BestandsDeel(document=document, volgnummer=volgnummer, omvang=omvang))
        offset += omvang
        volgnummer += 1
    return BestandsDeel.objects.bulk_create(parts)


def abandon_upload(document: EnkelvoudigInformatieObject) -> None:
    names = list(BestandsDeel.objects.filter(document=document).values_list("inhoud", flat=True))
    BestandsDeel.objects.filter(document=document).delete()
    storage.delete_on_commit(names)


def upload_bestandsdeel(actor: Actor, deel: BestandsDeel, lock: str | None, inhoud: Inhoud | None) -> BestandsDeel:
    """Receive one part (with the document's lock), streamed to storage before the transaction."""
    from .documenten import check_lock

    def check(document, deel):
        if document is None or deel is None:
            raise NotFound("Dit bestandsdeel bestaat niet (meer).")
        if not may(actor, COMPONENT, [SCOPE_BIJWERKEN, SCOPE_GEFORCEERD_BIJWERKEN],
                   document.informatieobjecttype_id, document.vertrouwelijkheid_rank):
            raise Forbidden("U heeft geen toestemming om dit informatieobject bij te werken.",
                            code="permission_denied")
        if not lock:
            raise ValidationFailed("lock", "required", "Dit veld is vereist.")
        check_lock(document, lock, partial=False)
        if inhoud is None:
            raise ValidationFailed("inhoud", "required", "Dit veld is vereist.")
        if inhoud.size != deel.omvang:
            raise ValidationFailed("inhoud", "file-size",
                                   f"Het bestandsdeel moet precies {deel.omvang} bytes zijn "
                                   f"(ontvangen: {inhoud.size}).")

    check(EnkelvoudigInformatieObject.objects.filter(pk=deel.document_id).first(), deel)
    name = storage.save(storage.part_name(deel.document_id, deel.pk), inhoud.file)
    try:
        with transaction.atomic():
            document = (EnkelvoudigInformatieObject.objects.select_for_update()
                        .filter(pk=deel.document_id).first())
            deel = BestandsDeel.objects.select_for_update().filter(pk=deel.pk).first()
            check(document, deel)
            old = deel.inhoud
            deel.inhoud = name
            deel.voltooid = True
            deel.save(update_fields=["inhoud", "voltooid"])
            storage.delete_on_commit([old])
            document = EnkelvoudigInformatieObject.objects.select_related("laatste_versie").get(pk=document.pk)
            record_document_change(actor, document=document, actie="update", resource="bestandsdeel",
                                   resource_url=url(actor.base_url, "bestandsdelen", deel.pk), oud=None,
                                   nieuw={"volgnummer": deel.volgnummer, "omvang": deel.omvang,
                                          "voltooid": True}, notify=False)
            return deel
    except BaseException:
        storage.delete([name])
        raise


def merge_parts(document: EnkelvoudigInformatieObject, parts: list[BestandsDeel]) -> storage.Stored:
    """Merge the received parts, in order and streamed, into a new file (before the unlock's
    transaction). Every part must be there and the total must be the announced size."""
    missing = [p.volgnummer for p in parts if not p.voltooid or not p.inhoud]
    if missing:
        raise ValidationFailed(NON_FIELD, "incomplete-upload",
                               "Niet alle bestandsdelen zijn ontvangen (ontbrekend: "
                               + ", ".join(str(n) for n in missing) + ").")
    expected = sum(p.omvang for p in parts)
    version = EnkelvoudigInformatieObjectVersie.objects.get(pk=document.laatste_versie_id)
    if version.bestandsomvang is not None and expected != version.bestandsomvang:
        raise ValidationFailed(NON_FIELD, "incomplete-upload",
                               "De bestandsdelen zijn samen niet zo groot als de bestandsomvang.")
    name = storage.save_concatenation(storage.content_name(document.pk), [p.inhoud for p in parts])
    stored = storage.size(name)
    if stored != expected:
        storage.delete([name])
        raise ValidationFailed(NON_FIELD, "incomplete-upload",
                               f"Het samengevoegde bestand is {stored} bytes in plaats van {expected}.")
    return storage.Stored(name, stored)


def apply_merge(actor: Actor, document: EnkelvoudigInformatieObject, merged: storage.Stored) -> None:
    """The merged file becomes the latest version's content; the parts go (unlock transaction,
    document row locked)."""
    version = EnkelvoudigInformatieObjectVersie.objects.select_for_update().get(pk=document.laatste_versie_id)
    version.inhoud = merged.name
    version.bestandsomvang = merged.size
    version.save(update_fields=["inhoud", "bestandsomvang"])
    abandon_upload(document)
    document = EnkelvoudigInformatieObject.objects.select_related("laatste_versie").get(pk=document.pk)
    link = document_url(actor.base_url, document)
    record_document_change(actor, document=document, actie="update", resource="enkelvoudiginformatieobject",
                           resource_url=link, oud=None,
                           nieuw={"inhoud": f"{link}/download?versie={version.versie}",
                                  "bestandsomvang": merged.size}, notify=False)
