"""Routing rules (which abonnementen get a message) and the retry schedule, without a database."""

import datetime as dt

import pytest

from zaakwerk.notificaties import worker
from zaakwerk.notificaties.routing import RoutingTable, matches, normalise, sequence_key

T0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("filters,kenmerken,expected", [
    ({}, {"bronorganisatie": "1"}, True),  # no filters: everything on the kanaal
    ({"bronorganisatie": "1"}, {"bronorganisatie": "1"}, True),
    ({"bronorganisatie": "1"}, {"bronorganisatie": "2"}, False),
    ({"bronorganisatie": "*"}, {"bronorganisatie": "2"}, True),  # wildcard
    ({"bronorganisatie": "1", "zaaktype": "Z"}, {"bronorganisatie": "1", "zaaktype": "Y"}, False),  # all must hold
    ({"bronorganisatie": "1", "zaaktype": "Z"}, {"bronorganisatie": "1", "zaaktype": "Z"}, True),
    # a kenmerk the message lacks does not exclude it (reference implementation, Open Notificaties)
    ({"bronorganisatie": "1"}, {}, True),
    # keys compare without case and underscores
    ({"verantwoordelijke_organisatie": "1"}, {"verantwoordelijkeOrganisatie": "1"}, True),
    ({"verantwoordelijkeOrganisatie": "1"}, {"verantwoordelijke_organisatie": "2"}, False),
    ({"bronorganisatie": "1"}, {"bronorganisatie": "1 "}, False),  # values are exact
])
def test_matches(filters, kenmerken, expected):
    assert matches(normalise(filters), normalise(kenmerken)) is expected


def test_an_abonnement_gets_a_message_once_whatever_its_groups():
    table = RoutingTable([
        ("zaken", "a", {"bronorganisatie": "1"}, T0),
        ("zaken", "a", {"zaaktype": "Z"}, T0),
        ("zaken", "b", {"bronorganisatie": "2"}, T0),
        ("documenten", "c", {}, T0),
    ])
    assert table.abonnementen("zaken", {"bronorganisatie": "1", "zaaktype": "Z"}) == ["a"]
    assert table.abonnementen("zaken", {"bronorganisatie": "2", "zaaktype": "Z"}) == ["a", "b"]
    assert table.abonnementen("zaken", {"bronorganisatie": "3", "zaaktype": "Y"}) == []
    assert table.abonnementen("besluiten", {}) == []


def test_an_abonnement_gets_only_messages_written_after_it_was_created():
    table = RoutingTable([("zaken", "old", {}, T0), ("zaken", "new", {}, T0 + dt.timedelta(minutes=5))])
    assert table.abonnementen("zaken", {}, T0 + dt.timedelta(minutes=1)) == ["old"]
    assert table.abonnementen("zaken", {}, T0 + dt.timedelta(minutes=5)) == ["old", "new"]


def test_the_sequence_key_is_per_abonnement_and_hoofdobject():
    url = "https://x.example/zaken/api/v1/zaken/1"
    assert sequence_key("a", url) == sequence_key("a", url)
    assert sequence_key("a", url) != sequence_key("b", url)
    assert sequence_key("a", url) != sequence_key("a", url + "2")
    assert sequence_key(None, url) != sequence_key("a", url)
    assert -2**63 <= sequence_key("a", url) < 2**63  # fits a BIGINT


def test_backoff_doubles_up_to_the_cap(settings):
    settings.ZAAKWERK_NOTIFICATIES_BACKOFF = 5
    settings.ZAAKWERK_NOTIFICATIES_BACKOFF_MAX = 60
    delays = [worker.backoff_delay(n) for n in range(1, 8)]
    for delay, base in zip(delays, [5, 10, 20, 40, 60, 60, 60]):
        assert base <= delay <= base * 1.1  # at most 10 % jitter
    assert worker.backoff_delay(500) <= 66  # no overflow for absurd attempt numbers
