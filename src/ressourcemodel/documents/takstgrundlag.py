"""Takstgrundlag: what a paying municipality pays for one citizen, and why (SPEC §5)."""

from __future__ import annotations

from decimal import Decimal

from ressourcemodel.engine.statements import AssessmentPart, Takstgrundlag
from ressourcemodel.formatting import format_date, format_kr, format_number, format_percent

from .html import note, page, section, table
from .info import TariffYearInfo

LEGAL_BASIS = {"SEL85": "SEL §85", "SEL83": "SEL §83", "SEL86": "SEL §86", "SUL138": "SUL §138"}
RULES = {
    "month_plus_one": "løbende måned plus en måned",
    "none": "ingen",
    "effective_date": "fra ikrafttrædelsesdatoen",
    "next_month": "fra den 1. i måneden efter",
}


def _assessment(part: AssessmentPart) -> str:
    a, pl = part.assessment, part.placement
    period = f"{format_date(part.start)}–{format_date(part.end)}"
    head = table(
        ["Periode", "Niveau", "Timer pr. døgn", "Servicetakst pr. døgn"],
        [(period, pl.level, format_number(part.hours_per_day, 2) if part.hours_per_day is not None
          else "—", format_kr(pl.service_tariff, 0))],
        numeric=[2, 3],
    )  # fmt: skip
    if a.level is not None:
        review = f" Revurderes {format_date(a.review_date)}." if a.review_date else ""
        return head + note(f"Niveau sat i hånden: {a.reason or '—'}.{review}")
    themes = table(["VUM-tema", "Timer pr. døgn"],
                   [(t, format_number(h, 2)) for t, h in part.by_theme], numeric=[1])  # fmt: skip
    bases = table(
        ["Lovgrundlag", "Timer pr. døgn"],
        [(LEGAL_BASIS.get(b, b), format_number(h, 2)) for b, h in part.by_legal_basis],
        numeric=[1],
    )
    review = f" Revurderes {format_date(a.review_date)}." if a.review_date else ""
    return (
        head
        + themes
        + bases
        + note(f"Døgnskema gældende fra {format_date(a.effective_from)}.{review}")
    )


def takstgrundlag_html(
    sheet: Takstgrundlag,
    info: TariffYearInfo,
    *,
    municipality: str,
    facility_names: dict[str, str],
    hourly_cost: Decimal,
) -> str:
    c, p = sheet.citizen, sheet.parameters
    cost_decision = info.decision("hourly_cost" if p.hourly_cost is not None else "staff_mix")
    share_decision = info.decision("indirect_share")
    parts = table(
        ["Tilbud", "Periode", "Basistakst", "Servicetakst", "Overhead", "Døgntakst"],
        [
            (facility_names.get(t.facility, t.facility),
             f"{format_date(t.start)}–{format_date(t.end)}", format_kr(t.base_tariff, 0),
             format_kr(t.service_tariff, 0), format_percent(t.overhead_rate),
             format_kr(t.daily_rate, 0))
            for t in sheet.tariffs
        ],
        numeric=[2, 3, 4, 5],
    )  # fmt: skip
    rules = table(
        ["Regel", "Anvendt"],
        [
            ("Timepris pr. produktiv time", f"{format_kr(hourly_cost, 2)} ({cost_decision})"),
            ("Indirekte tid", f"{format_percent(p.indirect_share)} ({share_decision})"),
            ("Niveauskift", RULES.get(p.level_change_rule.value, p.level_change_rule.value)),
            ("Budget efter fraflytning", RULES.get(p.tail_rule.value, p.tail_rule.value)),
            ("Afregning efter fraflytning", RULES.get(p.billing_tail_rule.value, "")),
        ],
    )  # fmt: skip
    name = c.name or c.id
    return page(
        f"Takstgrundlag {p.year}: {name}",
        f"{municipality} · betalingskommune {c.paying_municipality} · {info.describe()}",
        [
            section("Niveau og timer", *(_assessment(a) for a in sheet.assessments)),
            section("Taksten og dens dele", parts),
            section("Regler, der er anvendt", rules),
            note("Døgntakst = (basistakst + servicetakst) × (1 + overhead), afrundet til hele kr."),
        ],
    )
