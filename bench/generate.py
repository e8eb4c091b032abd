"""Deterministic synthetic scenarios at national scale (benchmark data, not test data).

N residents over N/20 facilities in ~100 areas. Residents have 1–2 stays (moves in and out during
the year, December move-outs of the year before whose tail spills into January, moves between
facilities), 1–3 assessments with døgnskemaer of 4–15 entries (individual, double, group 1:3,
night entries across midnight), level changes, 0,5 % S2, some hand-set levels, ~30 % sold places.

``templates=True`` gives the same residents, stays and levels changes, but a døgnskema is taken
from one of 200 shared templates with probability 70 % (municipalities write døgnskemaer from a
small set of standard templates, per target group); the other 30 % stay individual. Every use
of a template is a fresh copy (new entry objects, as a scenario file or the database gives), so
nothing can be recognised by object identity — only by content. ``templates=False`` (the
default) is the original data, every døgnskema individual.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from ressourcemodel.engine.model import (
    FIXED_COST_CATEGORIES,
    THEMES,
    Assessment,
    Citizen,
    Facility,
    LegalBasis,
    Scenario,
    ScheduleEntry,
    Stay,
    SupportForm,
)
from ressourcemodel.engine.parameters import Parameters

YEAR = 2026


def _schedule(rnd: random.Random) -> tuple[ScheduleEntry, ...]:
    """Valid by construction: individual entries on a day never overlap (slots in order)."""
    entries: list[ScheduleEntry] = []
    if rnd.random() < 0.15:  # own night support across midnight
        entries.append(ScheduleEntry(frozenset(range(7)), 22 * 60, 6 * 60))
    t = rnd.randrange(6 * 60, 9 * 60, 5)
    for _ in range(rnd.randint(4, 14)):
        length = rnd.randrange(15, 150, 5)
        if t + length > 21 * 60 + 55:
            break
        days = frozenset(rnd.sample(range(7), rnd.randint(1, 7)))
        kind = rnd.random()
        theme = rnd.choice(THEMES)
        if kind < 0.15:
            e = ScheduleEntry(
                days,
                t,
                t + length,
                SupportForm.GROUP,
                rnd.choice([1, 1, 2]),
                rnd.randint(2, 5),
                theme,
                LegalBasis.SEL85,
            )
        elif kind < 0.22:
            e = ScheduleEntry(
                days, t, t + length, SupportForm.DOUBLE, 2, 1, theme, LegalBasis.SEL83
            )
        else:
            e = ScheduleEntry(
                days,
                t,
                t + length,
                SupportForm.INDIVIDUAL,
                1,
                1,
                theme,
                rnd.choice(list(LegalBasis)),
            )
        entries.append(e)
        t += length + rnd.randrange(0, 90, 5)
    return tuple(entries)


TEMPLATES = 200
TEMPLATE_SHARE = 0.7


class _Schedules:
    """Døgnskemaer: individual from the main stream, or a copy of a shared template."""

    def __init__(self, seed: int, templates: bool) -> None:
        trnd = random.Random(seed + 1)
        self.rnd = trnd
        self.templates = [_schedule(trnd) for _ in range(TEMPLATES)] if templates else []

    def __call__(self, rnd: random.Random) -> tuple[ScheduleEntry, ...]:
        own = _schedule(rnd)  # always drawn, so the rest of the data stays the same
        if not self.templates or self.rnd.random() >= TEMPLATE_SHARE:
            return own
        template = self.rnd.choice(self.templates)
        return tuple(replace(e, days=frozenset(e.days)) for e in template)


def generate(residents: int, seed: int = 2026, *, templates: bool = False) -> Scenario:
    rnd = random.Random(seed)
    schedule = _Schedules(seed, templates)
    n_fac = max(1, residents // 20)
    facilities = tuple(
        Facility(
            id=f"F{i:05d}",
            name=f"Tilbud {i}",
            area=f"Område {i % 100:02d}",
            places=rnd.randint(10, 30),
            fixed_costs=tuple(
                (cat, Decimal(rnd.randrange(50_000, 1_500_000, 1000)))
                for cat in rnd.sample(FIXED_COST_CATEGORIES, rnd.randint(5, 12))
            ),
            occupancy_history=(
                (YEAR - 1, Decimal(rnd.randint(900, 1000)) / 1000),
                (YEAR - 2, Decimal(rnd.randint(900, 1000)) / 1000),
            ),
            regulation=Decimal(rnd.choice([0, 0, -100_000, 50_000])),
        )
        for i in range(n_fac)
    )
    citizens = []
    for c in range(residents):
        fac = facilities[c % n_fac].id
        start = date(rnd.randint(2015, 2024), rnd.randint(1, 12), rnd.randint(1, 28))
        r = rnd.random()
        if r < 0.05:  # moved out in December last year: the tail spills into January
            stays = (Stay(fac, start, date(YEAR - 1, 12, rnd.randint(1, 31))),)
        elif r < 0.12:  # moves out during the year
            stays = (Stay(fac, start, date(YEAR, rnd.randint(1, 12), rnd.randint(1, 28))),)
        elif r < 0.17:  # moves between two facilities
            out = date(YEAR, rnd.randint(2, 11), rnd.randint(1, 28))
            other = facilities[(c * 7 + 3) % n_fac].id
            stays = (Stay(fac, start, out), Stay(other, out + timedelta(days=1)))
        elif r < 0.25:  # moves in during the year
            start = date(YEAR, rnd.randint(1, 12), rnd.randint(1, 28))
            stays = (Stay(fac, start),)
        else:
            stays = (Stay(fac, start),)
        assessments = [Assessment(start, schedule(rnd))]
        for _ in range(rnd.choice([0, 0, 1, 2])):  # level changes during the year
            eff = date(YEAR, rnd.randint(1, 12), rnd.randint(1, 28))
            if eff > start and all(a.effective_from != eff for a in assessments):
                if rnd.random() < 0.005 * 4:
                    assessments.append(
                        Assessment(
                            eff, (), "S2", Decimal(rnd.randint(7000, 14000)), "Enkeltmandsprojekt"
                        )
                    )
                elif rnd.random() < 0.05:
                    assessments.append(
                        Assessment(eff, (), str(rnd.randint(1, 8)), None, "Foreløbigt niveau")
                    )
                else:
                    assessments.append(Assessment(eff, schedule(rnd)))
        citizens.append(
            Citizen(
                id=f"C{c:06d}",
                paying_municipality="707"
                if rnd.random() > 0.3
                else rnd.choice(["751", "730", "710"]),
                stays=stays,
                assessments=tuple(assessments),
            )
        )
    return Scenario(Parameters(YEAR), facilities, tuple(citizens))
