"""Which abonnementen a message goes to, and the key that keeps its order.

Matching follows the reference implementation and Open Notificaties: a message matches a
kanaal of an abonnement when, for every filter of that kanaal, the message either lacks that
kenmerk or has exactly the filter's value (``*`` accepts any value). Keys are compared without
regard to case or underscores, so ``verantwoordelijke_organisatie`` (the besluiten kanaal's own
spelling) and ``verantwoordelijkeOrganisatie`` are the same kenmerk. An abonnement with several
groups on one kanaal receives a message once when any group matches.

An abonnement receives only messages written after it was created: the outbox may hold older ones
(a worker that was down), and those were not meant for it."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

WILDCARD = "*"


def normalise_key(key: str) -> str:
    return key.replace("_", "").lower()


def normalise(kenmerken: dict) -> dict:
    return {normalise_key(k): v for k, v in (kenmerken or {}).items()}


def matches(filters: dict, kenmerken: dict) -> bool:
    """``filters`` and ``kenmerken`` both with normalised keys."""
    for key, wanted in filters.items():
        if key in kenmerken and wanted != WILDCARD and wanted != kenmerken[key]:
            return False
    return True


def sequence_key(abonnement_id, hoofd_object: str) -> int:
    """A signed 64-bit key for (abonnement, hoofdObject); ``None`` is the external API. A collision
    (astronomically rare) only serialises two unrelated sequences, it never reorders one."""
    raw = f"{abonnement_id or 'extern'}|{hoofd_object}".encode()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big", signed=True)


@dataclass
class Route:
    abonnement_id: object
    filters: dict  # normalised keys
    since: object  # the abonnement's creation time


class RoutingTable:
    """The filter groups of the kanalen in one batch of messages, loaded in one query."""

    def __init__(self, groups: list[tuple[str, object, dict, object]]):
        self.by_kanaal: dict[str, list[Route]] = defaultdict(list)
        for kanaal, abonnement_id, filters, since in groups:
            self.by_kanaal[kanaal].append(Route(abonnement_id, normalise(filters), since))

    @classmethod
    def load(cls, kanalen) -> "RoutingTable":
        from .models import FilterGroup

        rows = (FilterGroup.objects.filter(kanaal__naam__in=set(kanalen))
                .values_list("kanaal__naam", "abonnement_id", "filters", "abonnement__created"))
        return cls(list(rows))

    def abonnementen(self, kanaal: str, kenmerken: dict, written=None) -> list:
        """The abonnementen a message (written at ``written``) goes to, each once, in a stable order."""
        normal = normalise(kenmerken)
        seen = {}
        for route in self.by_kanaal.get(kanaal, ()):
            if written is not None and route.since is not None and route.since > written:
                continue
            if route.abonnement_id not in seen and matches(route.filters, normal):
                seen[route.abonnement_id] = True
        return list(seen)
