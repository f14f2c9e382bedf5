"""Large content: uploads in bestandsdelen, the request body limit (413) and the streamed JSON
create whose memory stays far below the content size."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import tracemalloc

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.test.client import encode_multipart
from django.urls import resolve

from zaakwerk.documenten.models import BestandsDeel, EnkelvoudigInformatieObject

from .documenten_support import *
from .documenten_support import (
    LIST,
    body,
    codes,
    download,
    path_of,
    stored_files,
)

pytestmark = pytest.mark.django_db


def put_part(client, part: dict, data: bytes, lock: str):
    boundary = "zaakwerkgrens"
    payload = encode_multipart(boundary, {"lock": lock, "inhoud": io.BytesIO(data)})
    return client.put(path_of(part["url"]), payload, content_type=f"multipart/form-data; boundary={boundary}")


def announce(api, iot, size: int) -> dict:
    response = api.post(LIST, body(iot, inhoud=None, bestandsomvang=size, bestandsnaam="groot.bin"))
    assert response.status_code == 201, response.json()
    return response.json()


def test_bestandsdelen_upload_in_parts_then_download_identical(api, iot, settings, media):
    settings.ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE = 1000
    content = os.urandom(2500)
    doc = announce(api, iot, len(content))
    assert doc["locked"] is True and doc["lock"] and doc["inhoud"] is None
    assert [(p["volgnummer"], p["omvang"], p["voltooid"]) for p in doc["bestandsdelen"]] == \
        [(1, 1000, False), (2, 1000, False), (3, 500, False)]
    offset = 0
    for part in doc["bestandsdelen"]:
        response = put_part(api, part, content[offset: offset + part["omvang"]], doc["lock"])
        assert response.status_code == 200, response.json()
        assert response.json()["voltooid"] is True
        offset += part["omvang"]
    assert api.post(path_of(doc["url"]) + "/unlock", {"lock": doc["lock"]}).status_code == 204
    after = api.get(path_of(doc["url"])).json()
    assert after["bestandsdelen"] == [] and after["locked"] is False and after["bestandsomvang"] == 2500
    assert hashlib.sha256(download(api, after["inhoud"])).digest() == hashlib.sha256(content).digest()
    assert not BestandsDeel.objects.exists()


def test_bestandsdelen_missing_part_is_a_clear_400_on_unlock(api, iot, settings):
    settings.ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE = 1000
    doc = announce(api, iot, 1500)
    put_part(api, doc["bestandsdelen"][0], b"x" * 1000, doc["lock"])
    response = api.post(path_of(doc["url"]) + "/unlock", {"lock": doc["lock"]})
    assert response.status_code == 400
    assert codes(response)[0] == ("nonFieldErrors", "incomplete-upload")
    assert "2" in response.json()["invalidParams"][0]["reason"]
    assert EnkelvoudigInformatieObject.objects.get(pk=doc["url"].rsplit("/", 1)[1]).lock == doc["lock"]


def test_bestandsdeel_with_wrong_size_or_lock_is_refused(api, iot, settings, media):
    settings.ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE = 1000
    doc = announce(api, iot, 1500)
    part = doc["bestandsdelen"][0]
    short = put_part(api, part, b"x" * 999, doc["lock"])
    assert codes(short)[0] == ("inhoud", "file-size")
    wrong = put_part(api, part, b"x" * 1000, "verkeerd")
    assert codes(wrong)[0] == ("nonFieldErrors", "incorrect-lock-id")
    assert stored_files(media) == []


def test_file_over_2_gib_is_announced_in_64_bit(api, iot, settings):
    settings.ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE = 1024**3
    size = 5 * 1024**3 + 7
    doc = announce(api, iot, size)
    assert doc["bestandsomvang"] == size
    assert [p["omvang"] for p in doc["bestandsdelen"]] == [1024**3] * 5 + [7]


def test_request_body_beyond_the_limit_is_413_before_reading(api, iot, settings):
    settings.ZAAKWERK_MAX_REQUEST_BODY = 1000
    response = api.post(LIST, body(iot, inhoud=base64.b64encode(b"x" * 2000).decode()))
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert not EnkelvoudigInformatieObject.objects.exists()


def _wsgi_request(path: str, stream, length: int, token: str) -> WSGIRequest:
    from django.test.client import RequestFactory

    environ = RequestFactory()._base_environ(
        PATH_INFO=path, REQUEST_METHOD="POST", CONTENT_TYPE="application/json", CONTENT_LENGTH=str(length),
        HTTP_AUTHORIZATION=f"Bearer {token}")
    environ["wsgi.input"] = stream
    return WSGIRequest(environ)


def test_streamed_json_create_keeps_memory_far_below_the_content_size(api, iot, settings, tmp_path):
    """A 4 MiB document in a JSON body above the threshold: the base64 ``inhoud`` is decoded from
    the stream into a temporary file; Python's peak allocation stays a fraction of the content."""
    from ..conftest import make_token

    settings.ZAAKWERK_DOCUMENTEN_STREAM_THRESHOLD = 64 * 1024
    content = os.urandom(4 * 1024 * 1024)
    payload = tmp_path / "body.json"
    metadata = body(iot, inhoud="__INHOUD__", trefwoorden=["groot"], bestandsnaam="groot.bin")
    head, tail = json.dumps(metadata).split('"__INHOUD__"')
    with payload.open("wb") as f:
        f.write(head.encode() + b'"')
        for start in range(0, len(content), 3 * 1024):
            f.write(base64.b64encode(content[start: start + 3 * 1024]))
        f.write(b'"' + tail.encode())
    length = payload.stat().st_size
    token = make_token("drcsuper", "supersecret")
    match = resolve(LIST)
    del content  # only the file on disk remains
    with payload.open("rb") as stream:
        request = _wsgi_request(LIST, stream, length, token)
        tracemalloc.start()
        response = match.func(request, **match.kwargs)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert response.status_code == 201, response.content
    assert peak < 1024 * 1024, f"peak {peak} bytes for a 4 MiB document"
    doc = json.loads(response.content)
    assert doc["bestandsomvang"] == 4 * 1024 * 1024 and doc["trefwoorden"] == ["groot"]
    raw = payload.read_bytes()
    original = base64.b64decode(raw[len(head) + 1: len(raw) - len(tail) - 1])
    assert hashlib.sha256(download(api, doc["inhoud"])).digest() == hashlib.sha256(original).digest()


def test_streamed_and_normal_parsing_agree_on_errors(api, iot, settings):
    settings.ZAAKWERK_DOCUMENTEN_STREAM_THRESHOLD = 10
    ok = api.post(LIST, body(iot, inhoud=base64.b64encode(b"kleine inhoud").decode().replace("/", "\\/")))
    assert ok.status_code == 201, ok.json()
    assert download(api, ok.json()["inhoud"]) == b"kleine inhoud"
    bad = api.post(LIST, body(iot, inhoud="!!!!"))
    assert bad.status_code == 400 and codes(bad)[0][0] == "inhoud"
    broken = api.post(LIST, b'{"titel": "x", "inhoud": "abcd"', content_type="application/json")
    assert broken.status_code == 400
    missing = api.post(LIST, {"inhoud": base64.b64encode(b"x" * 30).decode()})
    assert missing.status_code == 400 and ("bronorganisatie", "required") in codes(missing) or \
        codes(missing)[0][1] == "required"
