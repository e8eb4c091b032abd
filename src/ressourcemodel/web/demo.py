"""A fictitious municipality shaped like the seed (SPEC §5): three areas, 15 facilities with
154 places of which 45 are sold, residents on every level, an S1 and two S2 cases, moves and
level changes during the year, and actuals for January–October. Names and CPR numbers are
obviously fictitious ("Demosen", "Prøvesen" …). Deterministic: the same data every time."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction

from ressourcemodel.engine.compute import compute
from ressourcemodel.engine.model import THEMES, WEEKDAYS

from .accounts.models import Role, User
from .calculation.mappers import scenario_for_year
from .calculation.results import bump_data_version
from .records import models as m

YEAR = 2026
DEMO_PASSWORD = "Demo-adgang-2026"

AREAS = {
    "Område Grenaa": [
        ("Bofællesskabet Kystvejen", 12),
        ("Botilbuddet Fjordglimt", 10),
        ("Bofællesskabet Havnegade", 8),
        ("Botilbuddet Lyngparken", 14),
        ("Bofællesskabet Søndergade", 9),
    ],
    "Område Ørum": [
        ("Botilbuddet Ørumgården", 16),
        ("Bofællesskabet Skovbrynet", 8),
        ("Botilbuddet Bakkehuset", 10),
        ("Bofællesskabet Kildehuset", 7),
        ("Botilbuddet Mosevang", 12),
    ],
    "Område Ørsted-Auning-Allingåbro": [
        ("Botilbuddet Auninghus", 11),
        ("Bofællesskabet Allingåbro", 9),
        ("Botilbuddet Ørsted Enge", 10),
        ("Bofællesskabet Gudenåen", 8),
        ("Botilbuddet Vestergaard", 10),
    ],
}
FIRST = [
    "Anna",
    "Bo",
    "Carla",
    "Dennis",
    "Eva",
    "Frede",
    "Gitte",
    "Hans",
    "Ida",
    "Jens",
    "Karen",
    "Lars",
    "Mette",
    "Niels",
    "Ole",
    "Pia",
    "Rasmus",
    "Sofie",
    "Tobias",
    "Ulla",
    "Viggo",
    "Yrsa",
    "Åse",
    "Ejner",
]
LAST = [
    "Demosen",
    "Prøvesen",
    "Eksempelsen",
    "Fiktivsen",
    "Testrup",
    "Opdigtet",
    "Modelsen",
    "Skabelon",
]
BUYERS = ["751", "730", "710", "706", "791", "740"]  # Aarhus, Randers, Favrskov, Syddjurs …
FIXED = {
    "ledelse_og_administration": (350_000, 900_000),
    "bygningsdrift_og_vedligehold": (150_000, 600_000),
    "servicepersonale": (80_000, 300_000),
    "nattevagt": (500_000, 1_400_000),
    "kompetenceudvikling": (20_000, 80_000),
    "tilsyn": (15_000, 40_000),
    "afskrivninger": (50_000, 250_000),
    "amr_tr_og_trio": (10_000, 40_000),
    "oevrige": (30_000, 150_000),
}


def _individual(days: list[str], start: int, end: int, theme: str, basis: str) -> dict[str, Any]:
    return {"days": days, "start": start, "end": end, "form": "individual", "theme": theme,
            "legal_basis": basis}  # fmt: skip


def _entries(rnd: random.Random, target_hours: float) -> list[dict[str, Any]]:
    """Entries whose attributed time is close to ``target_hours`` per døgn."""
    minutes = round(target_hours * 60)
    out: list[dict[str, Any]] = []
    # Group activity 13:00–15:00, 1 staff with 3 residents on weekdays: 40 min × 5 ÷ 7 per døgn.
    if minutes > 120:
        out.append(
            {"days": WEEKDAYS[:5], "start": 780, "end": 900, "form": "group", "staff": 1,
             "participants": 3, "theme": "Samfundsliv", "legal_basis": "SEL85"}
        )  # fmt: skip
        minutes -= round(40 * 5 / 7)
    if minutes > 660:  # a citizen with own night support 22:00–06:00
        out.append(_individual(list(WEEKDAYS), 1320, 360, "Mentale funktioner", "SEL85"))
        minutes -= 480
    blocks = [
        (420, 360, "Egenomsorg", "SEL83"),
        (1020, 300, "Praktiske opgaver", "SEL85"),
        (900, 120, "Relationer", "SEL85"),
        (600, 180, "Sundhedsforhold", "SUL138"),
    ]
    for start, cap, theme, basis in blocks:
        if minutes <= 0:
            break
        length = min(cap, minutes)
        if length >= 5:
            out.append(_individual(list(WEEKDAYS), start, start + length, theme, basis))
        minutes -= length
    return out or [_individual(["mon", "wed"], 600, 660, "Egenomsorg", "SEL85")]


def _save_assessment(
    citizen: m.Citizen,
    effective: date,
    entries: list[dict[str, Any]] | None,
    status: str = "approved",
    **manual: object,
) -> m.Assessment:
    a = m.Assessment.objects.create(
        citizen=citizen,
        effective_from=effective,
        status=status,
        assessor="Sagsbehandler Demosen",
        goal_type="Udviklingsmål",
        assessment_date=effective,
        follow_up_date=effective + timedelta(days=180),
        **manual,
    )
    for e in entries or []:
        m.ScheduleEntryRow.objects.create(
            assessment=a,
            days=",".join(e["days"]),
            start_minute=e["start"],
            end_minute=e["end"],
            form=e["form"],
            staff=e.get("staff", 2 if e["form"] == "double" else 1),
            participants=e.get("participants", 1),
            theme=e["theme"],
            legal_basis=e["legal_basis"],
        )
    for i, theme in enumerate(THEMES[:10]):
        m.VumRating.objects.create(
            assessment=a,
            theme=theme,
            function_level=(i * 7 + a.pk) % 5,
            support_level=(i * 3 + a.pk) % 5,
        )
    return a


@transaction.atomic
def create_demo(seed: int = 707) -> None:
    """Create the demo municipality in an empty database."""
    rnd = random.Random(seed)
    bump_data_version()
    _demo_tariff_year()
    facilities = _demo_facilities(rnd)
    _demo_residents(rnd, facilities)
    _demo_moves(rnd)
    _demo_actuals(rnd)
    create_demo_users()


def _demo_tariff_year() -> None:
    ty = m.TariffYear.objects.create(
        year=YEAR,
        hourly_cost=None,  # staff mix → 334,04 kr./t
        decisions={
            "indirect_share": "KB 24-06-2025, sag 24/302 (ny ressourcetildelingsmodel)",
            "staff_mix": "KB 24-06-2025, sag 24/302 (ny ressourcetildelingsmodel)",
            "levels": "KB 24-06-2025, sag 24/302 (ny ressourcetildelingsmodel)",
            "occupancy_rate": "Budgetvedtagelse 2026, ØU 09-10-2025",
        },
    )
    for i, (cat, share, cost) in enumerate(
        [
            ("socialpædagog", "0.60", 545000),
            ("pædagogmedhjælper", "0.25", 440000),
            ("SOSU-assistent", "0.10", 500000),
            ("SOSU-hjælper", "0.05", 455000),
        ]
    ):
        m.StaffShareRow.objects.create(
            tariff_year=ty, category=cat, share=Decimal(share), annual_cost=cost
        )
        del i
    for k in range(1, 9):
        m.LevelRow.objects.create(
            tariff_year=ty,
            order=k,
            code=str(k),
            lower=2 * (k - 1),
            upper=2 * k,
            priced_hours=2 * k - 1,
        )


def _demo_facilities(rnd: random.Random) -> list[m.Facility]:
    facilities: list[m.Facility] = []
    n = 0
    for area_name, facs in AREAS.items():
        area = m.Area.objects.create(name=area_name)
        for name, places in facs:
            n += 1
            f = m.Facility.objects.create(
                code=f"T{n:02d}",
                name=name,
                area=area,
                places=places,
                legal_basis=rnd.choice(["SEL §107", "SEL §108"]),
            )
            fy = m.FacilityYear.objects.create(
                facility=f,
                year=YEAR,
                regulation=Decimal(rnd.choice([0, 0, -50000, 75000])),
                actual_fte=None,
            )
            for cat, (lo, hi) in FIXED.items():
                amount = round(rnd.randint(lo, hi) * places / 11, -3)
                m.FixedCost.objects.create(facility_year=fy, category=cat, amount=amount)
            for y in (YEAR - 1, YEAR - 2):
                m.OccupancyHistory.objects.create(
                    facility=f, year=y, rate=Decimal(rnd.randint(930, 995)) / 1000
                )
            facilities.append(f)
    assert sum(f.places for f in facilities) == 154

    return facilities


def _demo_residents(rnd: random.Random, facilities: list[m.Facility]) -> None:
    # Residents: fill about 95 % of places; 45 residents are paid by other municipalities.
    slots = [f for f in facilities for _ in range(f.places)]
    rnd.shuffle(slots)
    residents = slots[:146]
    sold_idx = set(rnd.sample(range(len(residents)), 45))
    levels_cycle = [1, 2, 3, 4, 5, 6, 7, 8]
    for i, f in enumerate(residents):
        birth = date(1950, 1, 1) + timedelta(days=rnd.randint(0, 365 * 50))
        c = _new_citizen(
            cpr=f"{birth:%d%m%y}{rnd.randint(0, 3999):04d}",  # 7th digit 0–3: born 19xx
            name=f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
            paying_municipality=rnd.choice(BUYERS) if i in sold_idx else "707",
        )
        move_in = date(rnd.randint(2012, 2025), rnd.randint(1, 12), rnd.randint(1, 28))
        level = levels_cycle[i % 8]
        target = 2 * (level - 1) + rnd.uniform(0.25, 1.75)
        if i == 0:  # S1: above the top level
            target = 16.6
        m.Stay.objects.create(citizen=c, facility=f, move_in=move_in)
        _save_assessment(c, move_in, _entries(rnd, target))
        if i in (1, 2):  # S2: individual tariff with justification and review date
            _save_assessment(
                c,
                date(YEAR, 3 + i, 1),
                None,
                manual_level="S2",
                daily_amount=Decimal("9500") if i == 1 else Decimal("12800"),
                reason="2:1 døgnet rundt (enkeltmandsprojekt)"
                if i == 1
                else "Skærmet enkeltmandsprojekt med dobbeltbemanding",
                review_date=date(YEAR + 1, 2, 1),
            )
        elif i % 9 == 4:  # a level change during the year
            _save_assessment(
                c,
                date(YEAR, rnd.randint(2, 10), rnd.randint(1, 28)),
                _entries(rnd, min(15.5, target + 2.2)),
            )
        elif i % 23 == 7:  # a draft waiting to be submitted, and one waiting for approval
            _save_assessment(
                c,
                date(YEAR, 12, 1),
                _entries(rnd, target + 1.0),
                status="submitted" if i % 2 else "draft",
            )


def _demo_moves(rnd: random.Random) -> None:
    # Moves: two move-outs this year, one death in December last year (tail into January),
    # and a new resident on a provisional level.
    stays = list(m.Stay.objects.order_by("pk")[10:13])
    stays[0].move_out = date(YEAR, 3, 10)
    stays[1].move_out = date(YEAR, 8, 22)
    for s in stays[:2]:
        s.save()
    dead = _new_citizen(cpr="0101400000", name="Ejner Opdigtet", paying_municipality="707")
    m.Stay.objects.create(
        citizen=dead,
        facility=stays[2].facility,
        move_in=date(2015, 5, 1),
        move_out=date(YEAR - 1, 12, 12),
    )
    _save_assessment(dead, date(2015, 5, 1), _entries(rnd, 9.0))
    new = _new_citizen(cpr="1509981234", name="Sofie Prøvesen", paying_municipality="707")
    m.Stay.objects.create(citizen=new, facility=stays[0].facility, move_in=date(YEAR, 4, 1))
    _save_assessment(
        new, date(YEAR, 4, 1), None, manual_level="3", reason="Foreløbigt niveau ved indflytning"
    )


def _demo_actuals(rnd: random.Random) -> None:
    # Actuals January–October, around the model's own monthly budget.
    result = compute(scenario_for_year(YEAR))
    by_code = {fr.id: fr for fr in result.facilities}
    for fy in m.FacilityYear.objects.select_related("facility"):
        fr = by_code[fy.facility.code]
        for mr in fr.months[:10]:
            factor = Decimal(rnd.randint(960, 1060)) / 1000
            m.MonthlyActual.objects.create(
                facility_year=fy, month=mr.month, amount=(mr.total * factor).quantize(Decimal(1))
            )
        fy.actual_fte = (fr.funded_fte * Decimal(rnd.randint(92, 106)) / 100).quantize(
            Decimal("0.01")
        )
        fy.old_budget = (fr.total_budget * Decimal(rnd.randint(90, 110)) / 100).quantize(
            Decimal(1000)
        )
        fy.save()


DEMO_USERS = [
    ("myndighed", Role.MYNDIGHED, "Myndighed (sagsbehandler)"),
    ("myndighed2", Role.MYNDIGHED, "Myndighed (anden sagsbehandler, fire øjne)"),
    ("leder", Role.LEDER, "Leder, Område Grenaa"),
    ("okonomi", Role.OKONOMI, "Økonomi"),
    ("ledelse", Role.LEDELSE, "Ledelse (ingen persondata)"),
    ("aarhus", Role.KOBENDE, "Købende kommune: Aarhus (751)"),
    ("admin", Role.ADMIN, "Administrator"),
]


def create_demo_users() -> None:
    for username, role, first in DEMO_USERS:
        u = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            first_name=first,
            is_staff=role == Role.ADMIN,
        )
        if role == Role.LEDER:
            u.areas.set(m.Area.objects.filter(name="Område Grenaa"))
        if role == Role.KOBENDE:
            u.municipality_code = "751"
            u.save()


def _new_citizen(*, cpr: str, **fields: object) -> m.Citizen:
    c = m.Citizen(**fields)
    c.cpr = cpr  # encrypted with its look-up hash (ADR 0005)
    c.save()
    return c
