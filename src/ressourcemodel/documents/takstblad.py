"""Takstblad: a facility's tariffs for one year (SPEC §3.2–3.4, §5)."""

from __future__ import annotations

from ressourcemodel.engine.model import FIXED_COST_LABELS_DA
from ressourcemodel.engine.statements import Takstblad
from ressourcemodel.formatting import format_date, format_kr, format_number, format_percent

from .html import note, page, section, table
from .info import TariffYearInfo


def takstblad_html(sheet: Takstblad, info: TariffYearInfo, *, municipality: str) -> str:
    f, p = sheet.facility, sheet.parameters
    base = table(
        ["Post", "Beløb pr. år"],
        [(FIXED_COST_LABELS_DA.get(k, k), format_kr(v, 0)) for k, v in sheet.fixed_costs]
        + [("Efterregulering fastsat for året", format_kr(sheet.regulation_set, 0))]
        + [
            (f"Resultat {year} ført ind i taksten: {reason or '—'}", format_kr(amount, 0))
            for year, amount, reason in sheet.carried
        ],
        numeric=[1],
        total=["Grundlag i alt", format_kr(f.fixed_costs_total + f.regulation, 0)],
    )
    basis = note(
        f"Basistakst = grundlag ÷ (pladser {f.places} × dage i året × belægning "
        f"{format_percent(f.occupancy_rate)}) = {format_kr(f.base_tariff, 0)} pr. døgn."
    )
    levels = table(
        ["Niveau", "Timer pr. døgn", "Prissat ved", "Basistakst", "Servicetakst", "Døgntakst"],
        [
            (lv.code, f"{format_number(lv.lower, 2)}–{format_number(lv.upper, 2)}",
             format_number(lv.priced_hours, 2), format_kr(f.base_tariff, 0),
             format_kr(lv.service_tariff, 0), format_kr(lv.daily_tariff, 0))
            for lv in sheet.levels
        ],
        numeric=[1, 2, 3, 4, 5],
    )  # fmt: skip
    top = sheet.levels[-1].upper if sheet.levels else ""
    special = note(
        f"S1: timer pr. døgn fra {format_number(top, 2)} prissættes efter borgerens faktiske "
        "timer. S2: individuel takst (fx 2:1 døgnet rundt) fastsat i vurderingen med skriftlig "
        "begrundelse og revurderingsdato."
    )
    params = table(
        ["Parameter", "Værdi", "Beslutning"],
        [
            ("Timepris pr. produktiv time", format_kr(sheet.hourly_cost, 2),
             info.decision("hourly_cost") if p.hourly_cost is not None
             else info.decision("staff_mix")),
            ("Indirekte tid", format_percent(p.indirect_share), info.decision("indirect_share")),
            ("Overhead ved salg", format_percent(p.overhead_rate), info.decision("overhead_rate")),
            ("Belægning brugt", format_percent(f.occupancy_rate), info.decision("occupancy_rate")),
        ],
        numeric=[1],
    )  # fmt: skip
    meta = f"{municipality} · {f.area} · {f.places} pladser · takstår {p.year} · {info.describe()}"
    return page(
        f"Takstblad {p.year}: {f.name}",
        meta,
        [
            section("Takster pr. niveau", levels, special),
            section("Basistakst", base, basis),
            section("Parametre", params),
            note(f"Udskrevet {format_date(info.printed)}." if info.printed else ""),
        ],
    )
