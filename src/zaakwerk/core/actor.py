"""Who performs a change, and under which base URL resources are named. Every adapter (API, UI,
admin, command line) builds an Actor and hands it to the domain."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Actor:
    base_url: str
    client_id: str = ""
    applicatie_label: str = ""
    user_id: str = ""
    user_representation: str = ""
    toelichting: str = ""
    # scopes granted per component (e.g. {"ztc": {"catalogi.schrijven"}}); None = everything
    scopes: dict[str, set[str]] | None = field(default=None)
    applicatie: object | None = None

    def has_scope(self, component: str, *scopes: str) -> bool:
        """True when the actor holds any of the scopes for the component (heeftAlleAutorisaties
        and system actors hold all)."""
        if self.scopes is None:
            return True
        granted = self.scopes.get(component, set())
        return any(s in granted for s in scopes)

    @classmethod
    def system(cls, base_url: str, name: str = "zaakwerk") -> "Actor":
        return cls(base_url=base_url, client_id=name, applicatie_label="Zaakwerk",
                   user_id=name, user_representation="Zaakwerk (systeem)")
