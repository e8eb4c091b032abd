"""Persistence only: the engine's inputs as rows, split by domain.

"Valid from" (``effective_from``, ``move_in``, ``year``) is kept apart from "recorded at"
(``recorded_at``, never overwritten); tariff years and facility years are kept as versions
(ADR 0006).
"""

from .citizens import Assessment, Citizen, ScheduleEntryRow, Stay, StayProposal, VumRating
from .facilities import (
    Area,
    CarriedResult,
    Facility,
    FacilityYear,
    FixedCost,
    InvoiceMark,
    MonthlyActual,
    OccupancyHistory,
    RegulationDecision,
)
from .imports import PendingImport
from .tariffs import DataChange, DataVersion, LevelRow, StaffShareRow, TariffYear, WhatIf

__all__ = [
    "Area",
    "Assessment",
    "CarriedResult",
    "Citizen",
    "DataChange",
    "DataVersion",
    "Facility",
    "FacilityYear",
    "FixedCost",
    "InvoiceMark",
    "LevelRow",
    "MonthlyActual",
    "OccupancyHistory",
    "PendingImport",
    "RegulationDecision",
    "ScheduleEntryRow",
    "StaffShareRow",
    "Stay",
    "StayProposal",
    "TariffYear",
    "VumRating",
    "WhatIf",
]
