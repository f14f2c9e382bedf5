"""Regressions of what the schemathesis run of the Documenten API 1.7.0 found
(tests/schemathesis): each was a 500, an answer outside the OAS, or a request that kept the server
busy for as long as the client liked."""

from __future__ import annotations

from urllib.parse import quote_from_bytes

import pytest

from zaakwerk.documenten.domain.bestandsdelen import MAX_BESTANDSDELEN
from zaakwerk.documenten.models import BestandsDeel, EnkelvoudigInformatieObject

from .documenten_support import *  # fixtures
from .documenten_support import (
    LIST,
    body,
    codes,
    create,
    download,
    lock,
    path_of,
)

pytestmark = pytest.mark.django_db


def announce(api, iot, size: int) -> dict:
    response = api.post(LIST, body(iot, inhoud=None, bestandsomvang=size))
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.mark.parametrize("sent", ["lock-é", "\u092e\u0928\u0940\u0937", "\ud83d\ude00"])
def test_lock_with_non_ascii_characters_is_incorrect_lock_id_not_500(api, iot, sent):
    # secrets.compare_digest refuses str with non-ASCII characters (TypeError): was a 500
    doc = create(api, iot)
    token = lock(api, doc)
    patch = api.patch(path_of(doc["url"]), {"titel": "nieuw", "lock": sent})
    assert patch.status_code == 400 and codes(patch) == [("nonFieldErrors", "incorrect-lock-id")]
    put = api.put(path_of(doc["url"]), body(iot, lock=sent))
    assert put.status_code == 400 and codes(put) == [("nonFieldErrors", "incorrect-lock-id")]
    # the unlock with such a lock is a forced unlock: allowed for this client (all autorisaties)
    assert api.post(path_of(doc["url"]) + "/unlock", {"lock": sent}).status_code == 204
    assert EnkelvoudigInformatieObject.objects.get(pk=doc["url"].rsplit("/", 1)[1]).lock == ""
    assert token  # the real lock was never needed


def test_unlock_with_non_ascii_lock_without_force_scope_is_incorrect_lock_id(client_for, api, iot):
    doc = create(api, iot)
    lock(api, doc)
    locker = client_for(["documenten.lock"], [iot])
    response = locker.post(path_of(doc["url"]) + "/unlock", {"lock": "verkeerd-é"})
    assert response.status_code == 400 and codes(response) == [("nonFieldErrors", "incorrect-lock-id")]


def test_urlencoded_bestandsdeel_with_non_ascii_names_and_bytes_is_read_as_sent(api, iot, settings, media):
    # parse_qs of bytes insists on ASCII: percent-encoded UTF-8 in a field name was a 500
    settings.ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE = 1000
    doc = announce(api, iot, 4)
    part = doc["bestandsdelen"][0]
    content = b"\xb1\x00\xffA"  # any bytes, percent-encoded
    payload = f"%C2%B1=waar&lock={doc['lock']}&inhoud={quote_from_bytes(content)}"
    response = api.put(path_of(part["url"]), payload, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200, response.json()
    assert response.json()["voltooid"] is True
    assert api.post(path_of(doc["url"]) + "/unlock", {"lock": doc["lock"]}).status_code == 204
    assert download(api, api.get(path_of(doc["url"])).json()["inhoud"]) == content


def test_urlencoded_bestandsdeel_without_lock_is_400_not_500(api, iot, settings):
    settings.ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE = 1000
    doc = announce(api, iot, 4)
    response = api.put(path_of(doc["bestandsdelen"][0]["url"]), "%C3%A1%2A%7B%F1%AB%AC%AC=true&lock=&inhoud=",
                       content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400 and codes(response) == [("lock", "required")]


def test_bestandsomvang_needing_more_than_max_bestandsdelen_is_refused(api, iot, settings):
    # bestandsomvang 17 TB meant 172 031 rows of 100 MiB parts written and listed (18 s); up to
    # 2**63 it would never end
    settings.ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE = 1000
    response = api.post(LIST, body(iot, inhoud=None, bestandsomvang=MAX_BESTANDSDELEN * 1000 + 1))
    assert response.status_code == 400 and codes(response) == [("bestandsomvang", "max_value")]
    assert not EnkelvoudigInformatieObject.objects.exists() and not BestandsDeel.objects.exists()
    largest = announce(api, iot, MAX_BESTANDSDELEN * 1000)
    assert len(largest["bestandsdelen"]) == MAX_BESTANDSDELEN


def test_update_announcing_too_many_bestandsdelen_is_refused_and_changes_nothing(api, iot, settings):
    settings.ZAAKWERK_DOCUMENTEN_BESTANDSDEEL_GROOTTE = 1000
    doc = create(api, iot)
    token = lock(api, doc)
    response = api.patch(path_of(doc["url"]), {"inhoud": None, "bestandsomvang": 2**63 - 1, "lock": token})
    assert response.status_code == 400 and codes(response) == [("bestandsomvang", "max_value")]
    after = api.get(path_of(doc["url"])).json()
    assert after["versie"] == 1 and after["inhoud"] and not BestandsDeel.objects.exists()


def test_empty_link_is_left_out_of_the_answer(api, iot):
    # `link` is format uri and not nullable: "" is no URL
    without = create(api, iot)
    assert "link" not in without
    assert "link" not in api.get(path_of(without["url"])).json()
    with_link = create(api, iot, link="https://example.com/document")
    assert with_link["link"] == "https://example.com/document"
