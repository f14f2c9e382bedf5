"""``{main}/{uuid}/audittrail[/{uuid}]``: the read-only audit trail of a main object (zaak,
informatieobject, besluit), the same for every register. A client sees the trail of an object it
may read, with the scope ``audittrails.lezen``."""

from __future__ import annotations

from .api import Context, Resource
from .errors import NotFound
from .models import AuditTrail

SCOPE = ("audittrails.lezen",)


def represent_audittrail(entries: list[AuditTrail]) -> list[dict]:
    return [{
        "uuid": str(e.uuid),
        "bron": e.bron,
        "applicatieId": e.applicatie_id,
        "applicatieWeergave": e.applicatie_weergave,
        "gebruikersId": e.gebruikers_id,
        "gebruikersWeergave": e.gebruikers_weergave,
        "actie": e.actie,
        "actieWeergave": e.actie_weergave,
        "resultaat": e.resultaat,
        "hoofdObject": e.hoofd_object,
        "resource": e.resource,
        "resourceUrl": e.resource_url,
        "toelichting": e.toelichting,
        "resourceWeergave": e.resource_weergave,
        "aanmaakdatum": e.aanmaakdatum,
        # oud/nieuw are objects in the schema, not nullable: a side that does not exist (oud on
        # create, nieuw on destroy) is left out
        "wijzigingen": {k: v for k, v in (("oud", e.oud), ("nieuw", e.nieuw)) if v is not None},
    } for e in entries]


def audittrail_resource(main: Resource, parent_kwarg: str) -> Resource:
    """The audit trail Resource nested under ``main`` (whose objects are named by
    ``parent_kwarg`` in the path, e.g. ``zaak_uuid``)."""

    class AuditTrailResource(Resource):
        api = main.api
        name = f"{main.name}_audittrail"
        collection = "audittrail"
        route = f"{main.route or main.collection}/<uuid:{parent_kwarg}>/audittrail"
        model = AuditTrail
        operations = ("list", "retrieve")
        scopes = {"list": SCOPE, "retrieve": SCOPE}
        paginated = False
        default_ordering = ("aanmaakdatum", "pk")
        etag = False

        def _main_object(self, ctx: Context):
            # 404 for an unknown main object, 403 when the client may not read it
            return main.get_object(ctx, ctx.kwargs[parent_kwarg], "audittrail")

        def base_queryset(self, ctx: Context):
            return AuditTrail.objects.filter(hoofd_object_uuid=ctx.kwargs[parent_kwarg])

        def authorised_queryset(self, ctx: Context, action: str):
            self._main_object(ctx)
            return self.base_queryset(ctx)

        def get_object(self, ctx: Context, uuid, action: str):
            self._main_object(ctx)
            entry = self.base_queryset(ctx).filter(pk=uuid).first()
            if entry is None:
                raise NotFound("Niet gevonden.")
            return entry

        def represent(self, ctx: Context, objs: list) -> list[dict]:
            return represent_audittrail(objs)

    return AuditTrailResource()
