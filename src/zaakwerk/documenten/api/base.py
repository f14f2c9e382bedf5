"""What every Documenten API resource shares: the API, scopes, authorisation through the document
(informatieobjecttype + vertrouwelijkheid, ``authz``), and views for bodies that may be huge
(checked from Content-Length before anything is read, parsed outside the database transaction)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q

from zaakwerk.core.api import ApiInfo, Context, Resource, actor_for_request
from zaakwerk.core.errors import Forbidden
from zaakwerk.core.http import problem

from ..authz import authorise_document, documenten_condition
from ..domain.common import (
    SCOPE_AANMAKEN,
    SCOPE_BIJWERKEN,
    SCOPE_GEFORCEERD_BIJWERKEN,
    SCOPE_LEZEN,
    SCOPE_VERWIJDEREN,
)

API = ApiInfo(name="documenten", component="drc", version="1.7.0", title="Documenten API",
              spec="standaard/documenten/drc/1.7.x/1.7.0/openapi.yaml")

READ = (SCOPE_LEZEN,)
CREATE = (SCOPE_AANMAKEN,)
UPDATE = (SCOPE_BIJWERKEN, SCOPE_GEFORCEERD_BIJWERKEN)
DELETE = (SCOPE_VERWIJDEREN,)


class DocumentenResource(Resource):
    """A resource whose rows are a document (``document_path`` "") or belong to one
    ("informatieobject__")."""

    api = API
    document_path = "informatieobject__"

    def document_of(self, obj):
        return obj if self.document_path == "" else getattr(obj, self.document_path.rstrip("_"))

    def authorised_queryset(self, ctx: Context, action: str):
        scopes = self.scopes.get(action) or READ
        return self.base_queryset(ctx).filter(documenten_condition(ctx.actor, scopes, self.document_path))

    def authorise_object(self, ctx: Context, obj, action: str) -> None:
        scopes = self.scopes.get(action) or READ
        if action == "audittrail":
            scopes = ("audittrails.lezen",)
        authorise_document(ctx.actor, self.document_of(obj), *scopes)

    def check_scopes(self, ctx: Context, action: str) -> None:
        # the scope is checked per informatieobjecttype (authorised_queryset / authorise_object);
        # here only whether the client holds it for any type at all
        needed = self.scopes.get(action)
        if needed and not ctx.actor.has_scope(self.api.component, *needed):
            raise Forbidden("U heeft geen toestemming om deze actie uit te voeren.")


def none_condition() -> Q:
    return Q(pk__in=[])


class LargeBodyMixin:
    """For views whose body may be huge: the size limit (``ZAAKWERK_MAX_REQUEST_BODY``, 413) and
    the media type (415) are decided from the headers without reading the body, and the handler
    runs WITHOUT a surrounding transaction: it parses (streams) the body first and then calls the
    domain, whose function is the one transaction."""

    content_types: tuple[str, ...] = ("application/json",)

    def _handle(self, request, method, api, **kwargs):
        if method in ("post", "put", "patch"):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.ZAAKWERK_MAX_REQUEST_BODY:
                return problem(413, "too_large",
                               f"De request body is groter dan {settings.ZAAKWERK_MAX_REQUEST_BODY} bytes.",
                               request=request)
            ctype = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            if length and ctype not in self.content_types:
                return problem(415, "unsupported_media_type",
                               f'Mediatype "{ctype}" in verzoek wordt niet ondersteund.', request=request)
        actor = actor_for_request(request, api)
        uuid = kwargs.pop("uuid", None)
        ctx = Context(request=request, api=api, actor=actor, base_url=actor.base_url, kwargs=kwargs)
        handler = getattr(self, f"do_{method}")
        return handler(ctx) if uuid is None else handler(ctx, uuid=uuid)
