"""Billing statement (afregning) for one paying municipality and month (SPEC §3.6)."""

from __future__ import annotations

from ressourcemodel.engine.billing import BillingLine, total
from ressourcemodel.formatting import format_date, format_kr, format_number, month_name

from .html import note, page, section, table


def statement_html(
    lines: list[BillingLine],
    *,
    year: int,
    month: int,
    municipality: str,
    seller: str,
    facility_names: dict[str, str],
    citizen_names: dict[str, str],
) -> str:
    rows = [
        (citizen_names.get(ln.citizen, ln.citizen), facility_names.get(ln.facility, ln.facility),
         f"{format_date(ln.start)}–{format_date(ln.end)}", format_number(ln.days),
         format_kr(ln.rate, 0), format_kr(ln.amount, 0))
        for ln in lines
    ]  # fmt: skip
    body = table(
        ["Borger", "Tilbud", "Periode", "Dage", "Døgntakst", "Beløb"],
        rows,
        numeric=[3, 4, 5],
        total=["I alt", "", "", format_number(sum(ln.days for ln in lines)), "",
               format_kr(total(lines), 0)],
    )  # fmt: skip
    return page(
        f"Afregning {month_name(month)} {year}",
        f"Fra {seller} til kommune {municipality}",
        [
            section("Dage og beløb", body),
            note("Døgntakst = (basistakst + servicetakst) × (1 + overhead), hele kr. "
                 "Fakturering skal ske senest 12 måneder efter ydelsen (SEL §174, stk. 2)."),
        ],
    )  # fmt: skip
