"""Serve each API's normative OpenAPI document at {root}/openapi.yaml and {root}/openapi.json."""

from __future__ import annotations

import functools
import json

import yaml
from django.conf import settings
from django.http import HttpResponse

from .api import ApiView
from .http import problem


@functools.lru_cache(maxsize=None)
def _load(spec: str, fmt: str) -> bytes:
    path = settings.SPECS_DIR / spec
    text = path.read_text(encoding="utf-8")
    if fmt == "yaml":
        return text.encode("utf-8")
    return json.dumps(yaml.safe_load(text), ensure_ascii=False).encode("utf-8")


class OpenApiView(ApiView):
    allowed = ("get", "head")
    fmt = "yaml"

    def _handle(self, request, method, api, **kwargs):
        try:
            body = _load(api.spec, self.fmt)
        except OSError:
            return problem(404, "not_found", "Geen OpenAPI-document beschikbaar.", request=request)
        ctype = "application/vnd.oai.openapi" if self.fmt == "yaml" else "application/vnd.oai.openapi+json"
        return HttpResponse(body, content_type=ctype)
