"""What every Zaken API resource shares: the API, scopes, and authorisation through the zaak.

A resource of the Zaken API is either the zaak itself or belongs to one zaak (status, rol, ...).
Either way what a client may see is decided by the zaak's zaaktype and vertrouwelijkheid
(zrc-006): lists get ONE EXISTS condition (``zaken_condition``), details a 403.
"""

from __future__ import annotations

from zaakwerk.core.api import ApiInfo, Context, Resource

from ..authz import authorise_zaak, zaken_condition
from ..domain.common import (SCOPE_AANMAKEN, SCOPE_BIJWERKEN, SCOPE_GEFORCEERD, SCOPE_LEZEN,
                             SCOPE_VERWIJDEREN)

API = ApiInfo(name="zaken", component="zrc", version="1.7.0", title="Zaken API",
              spec="standaard/zaken/zrc/1.7.x/1.7.0/openapi.yaml")

READ = (SCOPE_LEZEN,)
UPDATE = (SCOPE_BIJWERKEN, SCOPE_GEFORCEERD)
CREATE_OR_UPDATE = (SCOPE_AANMAKEN, SCOPE_BIJWERKEN, SCOPE_GEFORCEERD)
DELETE_CHILD = (SCOPE_BIJWERKEN, SCOPE_GEFORCEERD, SCOPE_VERWIJDEREN)


class ZakenResource(Resource):
    """A resource whose rows belong to a zaak through ``zaak_path`` ("" for the zaak itself,
    "zaak__" for a child row)."""

    api = API
    zaak_path = "zaak__"

    def zaak_of(self, obj):
        return obj if self.zaak_path == "" else getattr(obj, self.zaak_path.rstrip("_"))

    def authorised_condition(self, ctx: Context, action: str, zaak_path: str | None = None):
        """The scope of this action, granted on the zaak's zaaktype (one EXISTS condition) for rows
        that reach the zaak's columns through ``zaak_path`` (default: this resource's)."""
        from django.db.models import Q

        scopes = self.scopes.get(action) or READ
        condition = Q()
        for index, scope in enumerate(scopes):
            part = zaken_condition(ctx.actor, scope, self.zaak_path if zaak_path is None else zaak_path)
            condition = part if index == 0 else condition | part
        return condition

    def authorised_queryset(self, ctx: Context, action: str):
        return self.base_queryset(ctx).filter(self.authorised_condition(ctx, action))

    def authorise_object(self, ctx: Context, obj, action: str) -> None:
        scopes = self.scopes.get(action) or READ
        if action == "audittrail":
            scopes = ("audittrails.lezen",)
        authorise_zaak(ctx.actor, self.zaak_of(obj), *scopes)

    def check_scopes(self, ctx: Context, action: str) -> None:
        # the scope itself is checked per zaaktype (authorised_queryset / authorise_object); here
        # only whether the client holds it for any zaaktype at all
        needed = self.scopes.get(action)
        if needed and not ctx.actor.has_scope(self.api.component, *needed):
            from zaakwerk.core.errors import Forbidden

            raise Forbidden("U heeft geen toestemming om deze actie uit te voeren.")
