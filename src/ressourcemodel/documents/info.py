"""What a document says about the tariff year besides figures: version, publication, and the
decision behind each parameter. Given by the caller (the database knows; a file may not)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class TariffYearInfo:
    version: int | None = None
    status: str = ""  # "Kladde" or "Offentliggjort"
    published: date | None = None
    published_by: str = ""
    decisions: dict[str, str] = field(default_factory=dict)
    printed: date | None = None

    def decision(self, name: str) -> str:
        return self.decisions.get(name, "—")

    def describe(self) -> str:
        version = f"version {self.version}" if self.version else "version —"
        when = self.published.strftime("%d-%m-%Y") if self.published else "ikke offentliggjort"
        who = f" af {self.published_by}" if self.published_by else ""
        return f"{version} · {self.status or '—'} · offentliggjort: {when}{who}"
