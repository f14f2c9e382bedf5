"""``PUT /bestandsdelen/{uuid}``: one part of an upload in parts, as multipart/form-data (or
urlencoded) with ``inhoud`` (the bytes) and ``lock``; streamed to storage (``domain.bestandsdelen``).
Answers ``BestandsDeelResponse``."""

from __future__ import annotations

from zaakwerk.core.api import Context, DetailView
from zaakwerk.core.http import json_response

from .. import representation
from ..domain import bestandsdelen as domain
from ..domain.common import url
from ..models import BestandsDeel
from .base import UPDATE, DocumentenResource, LargeBodyMixin
from .bodies import read_bestandsdeel_body


class BestandsDeelView(LargeBodyMixin, DetailView):
    content_types = ("multipart/form-data", "application/x-www-form-urlencoded")

    def allowed_methods(self):
        return ("put",)

    def do_put(self, ctx: Context, uuid):
        resource = self.resource
        resource.check_scopes(ctx, "update")
        deel = resource.get_object(ctx, uuid, "update")
        lock, inhoud = read_bestandsdeel_body(ctx.request)
        try:
            deel = domain.upload_bestandsdeel(ctx.actor, deel, lock, inhoud)
        finally:
            if inhoud is not None:
                inhoud.close()
        return json_response(resource.represent(ctx, [deel])[0])


class BestandsDeelResource(DocumentenResource):
    name = "bestandsdeel"
    collection = "bestandsdelen"
    model = BestandsDeel
    document_path = "document__"
    operations = ("update",)
    scopes = {"update": UPDATE}
    etag = False

    def base_queryset(self, ctx: Context):
        return BestandsDeel.objects.select_related("document")

    def represent(self, ctx: Context, objs: list) -> list[dict]:
        out = []
        for deel in objs:
            item = representation.bestandsdeel_json(deel, ctx.base_url, deel.document.lock)
            item["inhoud"] = url(ctx.base_url, "bestandsdelen", deel.pk)
            out.append(item)
        return out

    def urls(self) -> list:
        from django.urls import path as url_path

        from zaakwerk.core.api import REGISTRY

        REGISTRY[self.key] = self
        return [url_path(f"{self.collection}/<uuid:uuid>", BestandsDeelView.as_view(resource=self),
                         name=f"{self.key}-detail")]


RESOURCES = [BestandsDeelResource()]
