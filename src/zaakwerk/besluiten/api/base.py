"""What every Besluiten API resource shares: the API, scopes, and authorisation through the
besluit's besluittype.

A resource of the Besluiten API is the besluit itself or belongs to one besluit (a
besluitinformatieobject). What a client may see is decided by the besluittype: lists get ONE
EXISTS condition (``besluiten_condition``), details a 403.
"""

from __future__ import annotations

from django.db.models import Q

from zaakwerk.core.api import REGISTRY, ApiInfo, Context, Expansion, Resource
from zaakwerk.core.errors import Forbidden

from ..authz import authorise_besluittype, besluiten_condition
from ..domain.common import COMPONENT, SCOPE_AANMAKEN, SCOPE_BIJWERKEN, SCOPE_LEZEN, SCOPE_VERWIJDEREN

API = ApiInfo(name="besluiten", component=COMPONENT, version="1.1.0", title="Besluiten API",
              spec="standaard/besluiten/brc/1.1.0/openapi.yaml")

READ = (SCOPE_LEZEN,)
CREATE = (SCOPE_AANMAKEN,)
UPDATE = (SCOPE_BIJWERKEN,)
DELETE = (SCOPE_VERWIJDEREN,)
AUDITTRAIL = ("audittrails.lezen",)


class BesluitenResource(Resource):
    """A resource whose rows belong to a besluit through ``besluit_path`` ("" for the besluit
    itself, "besluit__" for a row of a besluit)."""

    api = API
    besluit_path = ""
    all_expansions: dict[str, Expansion] = {}

    @property
    def expansions(self) -> dict[str, Expansion]:  # type: ignore[override]
        """Only the expansions whose target resource is served (the Documenten API may not be):
        another name is a clean 400 (404 on a detail)."""
        return {name: exp for name, exp in self.all_expansions.items() if exp.target in REGISTRY}

    def besluittype_id_of(self, obj):
        return obj.besluittype_id if self.besluit_path == "" else obj.besluit.besluittype_id

    def authorised_queryset(self, ctx: Context, action: str):
        condition = Q()
        for index, scope in enumerate(self.scopes.get(action) or READ):
            part = besluiten_condition(ctx.actor, scope, self.besluit_path)
            condition = part if index == 0 else condition | part
        return self.base_queryset(ctx).filter(condition)

    def authorise_object(self, ctx: Context, obj, action: str) -> None:
        scopes = AUDITTRAIL if action == "audittrail" else (self.scopes.get(action) or READ)
        authorise_besluittype(ctx.actor, self.besluittype_id_of(obj), *scopes)

    def check_scopes(self, ctx: Context, action: str) -> None:
        # the scope itself is checked per besluittype (authorised_queryset / authorise_object);
        # here only whether the client holds it for any besluittype at all
        needed = self.scopes.get(action)
        if needed and not ctx.actor.has_scope(self.api.component, *needed):
            raise Forbidden("U heeft geen toestemming om deze actie uit te voeren.")
