"""Input of one calculation (SPEC §4): facilities, citizens, stays and assessments.

These frozen dataclasses are the engine's whole view of the world. The scenario loader and the
web application's mappers both build them; nothing else is read by the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from .parameters import Parameters

if TYPE_CHECKING:
    from .packed import CitizenColumns


class SupportForm(StrEnum):
    INDIVIDUAL = "individual"  # 1 staff, 1 resident
    GROUP = "group"  # s staff shared by n residents
    DOUBLE = "double"  # 2 staff with 1 resident


class LegalBasis(StrEnum):
    SEL85 = "SEL85"  # socialpædagogisk støtte
    SEL83 = "SEL83"  # personlig og praktisk hjælp
    SEL86 = "SEL86"  # genoptræning
    SUL138 = "SUL138"  # sygepleje


THEMES: tuple[str, ...] = (
    "Egenomsorg",
    "Praktiske opgaver",
    "Kommunikation",
    "Mobilitet",
    "Relationer",
    "Samfundsliv",
    "Mentale funktioner",
    "Fysiske funktioner",
    "Sundhedsforhold",
    "Sociale forhold",
    "Omgivelsesfaktorer",
)

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES_DA: tuple[str, ...] = (
    "mandag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lørdag",
    "søndag",
)

# SPEC §3.4: the categories of fixed cost lines in the seed.
FIXED_COST_CATEGORIES: tuple[str, ...] = (
    "ledelse_og_administration",
    "bygningsdrift_og_vedligehold",
    "servicepersonale",
    "nattevagt",
    "kompetenceudvikling",
    "tilsyn",
    "afskrivninger",
    "tvaergaaende_sundhedsindsatser",
    "administrative_sundhedsfaglige_opgaver",
    "tvaergaaende_moeder_og_netvaerk",
    "amr_tr_og_trio",
    "oevrige",
)
FIXED_COST_LABELS_DA: dict[str, str] = {
    "ledelse_og_administration": "Ledelse og administration",
    "bygningsdrift_og_vedligehold": "Bygningsdrift og vedligehold",
    "servicepersonale": "Servicepersonale (TAP)",
    "nattevagt": "Nattevagt",
    "kompetenceudvikling": "Kompetenceudvikling",
    "tilsyn": "Tilsyn",
    "afskrivninger": "Afskrivninger",
    "tvaergaaende_sundhedsindsatser": "Tværgående sundhedsindsatser",
    "administrative_sundhedsfaglige_opgaver": "Administrative sundhedsfaglige opgaver",
    "tvaergaaende_moeder_og_netvaerk": "Tværgående møder og netværk",
    "amr_tr_og_trio": "AMR/TR og trio",
    "oevrige": "Øvrige",
}


@dataclass(frozen=True, slots=True)
class ScheduleEntry:
    """One row of a døgnskema. Times are minutes after midnight (0–1439); end < start crosses
    midnight; ``days`` are weekday numbers 0 = Monday … 6 = Sunday."""

    days: frozenset[int]
    start: int
    end: int
    form: SupportForm = SupportForm.INDIVIDUAL
    staff: int = 1
    participants: int = 1
    theme: str = "Egenomsorg"
    legal_basis: LegalBasis = LegalBasis.SEL85
    sub_theme: str = ""
    staff_category: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Assessment:
    """An approved assessment in force from ``effective_from``: either døgnskema ``entries``, or a
    hand-set ``level`` (a level code, or ``"S2"`` with ``daily_amount``) with a ``reason``."""

    effective_from: date
    entries: tuple[ScheduleEntry, ...] = ()
    level: str | None = None
    daily_amount: Decimal | None = None  # S2 only: kroner per døgn
    reason: str = ""
    review_date: date | None = None


@dataclass(frozen=True, slots=True)
class Stay:
    """A stay at a facility, ``move_in`` to ``move_out`` inclusive; ``move_out`` None: ongoing."""

    facility: str
    move_in: date
    move_out: date | None = None


@dataclass(frozen=True, slots=True)
class Citizen:
    id: str
    paying_municipality: str
    stays: tuple[Stay, ...]
    assessments: tuple[Assessment, ...]
    name: str = ""


@dataclass(frozen=True, slots=True)
class CarriedResult:
    """A facility's result (surplus +, deficit −) of ``year``, carried into a later base tariff."""

    year: int
    amount: Decimal
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Facility:
    id: str
    name: str
    area: str
    places: int
    fixed_costs: tuple[tuple[str, Decimal], ...]  # (category, annual kroner)
    occupancy_rate: Decimal | None = None
    occupancy_history: tuple[tuple[int, Decimal], ...] = ()  # (year, actual occupancy)
    regulation: Decimal = Decimal(0)  # efterregulering: + recovers a deficit, − returns a surplus
    results: tuple[CarriedResult, ...] = ()
    actual_fte: Decimal | None = None
    actuals: tuple[tuple[int, Decimal], ...] = ()  # (month 1–12, spent kroner)
    old_budget: Decimal | None = None  # budget under the old model, for phase-in and comparison
    previous_budget: Decimal | None = None  # last year's budget


@dataclass(frozen=True, slots=True)
class Scenario:
    parameters: Parameters
    facilities: tuple[Facility, ...]
    citizens: tuple[Citizen, ...] = field(default=())
    # what the file loader read of the citizens, for the engine (``packed.CitizenColumns``)
    columns: CitizenColumns | None = field(default=None, compare=False, repr=False)
