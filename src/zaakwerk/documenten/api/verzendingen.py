"""Documenten API 1.7.0: ``/verzendingen`` (paginated list with the filters ``aardRelatie``,
``informatieobject`` and ``betrokkene``, ``expand=informatieobject``; create) and
``/verzendingen/{uuid}`` (retrieve, HEAD/ETag, update, partial update, delete).

A thin adapter: the wire schema is declared here, every rule (the address variants, the
informatieobject of this register, the audit trail) is in ``domain.verzendingen``.

The OAS declares no scopes on these operations; like the reference implementation, Zaakwerk asks
the scopes of the documenten: ``documenten.lezen`` to read, ``documenten.aanmaken`` to create,
``documenten.bijwerken`` to change and ``documenten.verwijderen`` to delete, granted on the
informatieobjecttype (and up to the vertrouwelijkheidaanduiding) of the verzending's document.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from zaakwerk.core.api import Context, Expansion, Filter
from zaakwerk.core.errors import ValidationFailed
from zaakwerk.core.references import is_valid_url

from ..domain import verzendingen as domain
from ..domain.common import DOCUMENT_RESOURCE
from ..models import Verzending
from ..representation_verzendingen import verzendingen_json
from .gebruiksrechten import DocumentChildResource, DocumentFilter

Unset = UnsetType


def Text(max_length: int, min_length: int = 0):  # noqa: N802 - reads as a type in the schemas below
    return Annotated[str, Meta(max_length=max_length, min_length=min_length)]


class Struct(msgspec.Struct, rename="camel", kw_only=True):
    """A request body; unknown and read-only properties (``url``) are ignored."""


class BinnenlandsCorrespondentieadresIn(Struct, kw_only=True):
    huisletter: Text(1) | Unset = UNSET
    huisnummer: Annotated[int, Meta(ge=1, le=99999)]
    huisnummer_toevoeging: Text(4) | Unset = UNSET
    naam_openbare_ruimte: Text(80, 1)
    postcode: Text(6) | Unset = UNSET
    woonplaatsnaam: Text(80, 1)


class BuitenlandsCorrespondentieadresIn(Struct, kw_only=True):
    adres_buitenland_1: Text(35, 1)
    adres_buitenland_2: Text(35) | Unset = UNSET
    adres_buitenland_3: Text(35) | Unset = UNSET
    land_postadres: Text(200, 1)


class CorrespondentiePostadresIn(Struct, kw_only=True):
    post_bus_of_antwoordnummer: Annotated[int, Meta(ge=1, le=9999)]
    postadres_postcode: Text(6, 1)
    postadres_type: Literal["antwoordnummer", "postbusnummer"]
    woonplaatsnaam: Text(80, 1)


class VerzendingIn(Struct, kw_only=True):
    """``VerzendingRequest`` of the 1.7.0 OAS. A gegevensgroep may be sent as ``null`` (no such
    address); a sent group is validated as a whole."""

    betrokkene: Text(200, 1)
    informatieobject: Text(1000)
    aard_relatie: Literal["afzender", "geadresseerde"]
    toelichting: Text(200) | Unset = UNSET
    ontvangstdatum: dt.date | None | Unset = UNSET
    verzenddatum: dt.date | None | Unset = UNSET
    contact_persoon: Text(1000, 1)
    contactpersoonnaam: Text(40) | Unset = UNSET
    binnenlands_correspondentieadres: BinnenlandsCorrespondentieadresIn | None | Unset = UNSET
    buitenlands_correspondentieadres: BuitenlandsCorrespondentieadresIn | None | Unset = UNSET
    correspondentie_postadres: CorrespondentiePostadresIn | None | Unset = UNSET
    faxnummer: Text(15) | None | Unset = UNSET
    emailadres: Text(100) | None | Unset = UNSET
    mijn_overheid: bool | Unset = UNSET
    telefoonnummer: Text(15) | None | Unset = UNSET


class _UrlValueFilter(Filter):
    """An exact match on a stored URL (``betrokkene``), refusing a value that is no URL."""

    def __init__(self, field: str):
        super().__init__("str", field=field)

    def parse(self, name: str, raw: str, ctx: Context):
        if not is_valid_url(raw):
            raise ValidationFailed(name, "invalid", "Voer een geldige URL in.")
        return raw


class VerzendingResource(DocumentChildResource):
    name = "verzending"
    collection = "verzendingen"
    model = Verzending
    paginated = True
    filters = {
        "aardRelatie": Filter("str", field="aard_relatie", choices=("afzender", "geadresseerde")),
        "informatieobject": DocumentFilter(),
        "betrokkene": _UrlValueFilter("betrokkene"),
    }
    default_ordering = ("pk",)
    expansions = {"informatieobject": Expansion(target=DOCUMENT_RESOURCE)}
    create_schema = VerzendingIn

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        return verzendingen_json(objs, ctx.base_url)

    def create(self, ctx: Context, data: dict):
        document = self.body_document(ctx, data["informatieobject"], "create")
        return domain.create_verzending(ctx.actor, {**data, "informatieobject": document})

    def update(self, ctx: Context, obj, data: dict, partial: bool):
        if "informatieobject" in data:
            # moving the verzending: the client must be allowed to change the other document too
            action = "partial_update" if partial else "update"
            data["informatieobject"] = self.body_document(ctx, data["informatieobject"], action)
        return domain.update_verzending(ctx.actor, obj, data, partial)

    def destroy(self, ctx: Context, obj) -> None:
        domain.delete_verzending(ctx.actor, obj)


RESOURCES = [VerzendingResource()]
