"""The template: sheets, columns and their help texts (Danish)."""

from __future__ import annotations

PARAMETERS = [  # (field in the scenario's parameters, label, help)
    (
        "hourly_cost",
        "Timepris",
        "Kr. pr. produktiv time; tom = beregnes af personalesammensætningen.",
    ),
    ("productive_hours_per_fte", "Produktive timer pr. årsværk", "Standard 1.526."),
    ("annual_norm_hours", "Årsnorm", "Timer pr. årsværk, standard 1.924."),
    ("indirect_share", "Indirekte tid", "Andel oven i den direkte tid, fx 0,25."),
    ("occupancy_rate", "Standardbelægning", "Bruges for tilbud uden egen sats og uden historik."),
    ("occupancy_min", "Belægning, gulv", "Nedre grænse for historisk belægning."),
    ("occupancy_max", "Belægning, loft", "Øvre grænse for historisk belægning."),
    ("overhead_rate", "Overhead ved salg", "Tillæg til døgntaksten ved salg, fx 0."),
    ("tail_rule", "Budget efter fraflytning", "month_plus_one eller none."),
    ("billing_tail_rule", "Afregning efter fraflytning", "none eller month_plus_one."),
    ("level_change_rule", "Niveauskift", "effective_date eller next_month."),
    ("level_unit", "Enhed for niveauer", "day (timer pr. døgn) eller week."),
    (
        "regulation_lag_years",
        "Efterregulering efter år",
        "Resultat af år t indgår i år t+N, standard 2.",
    ),
]

SHEETS: dict[str, list[tuple[str, str]]] = {  # sheet: [(column, help)]
    "Niveauer": [
        ("Kode", "Niveauets kode, fx 1–8"),
        ("Fra timer", "Nedre grænse (inkl.)"),
        ("Til timer", "Øvre grænse (ekskl.)"),
        ("Prissat timer", "Timer i taksten"),
    ],
    "Personale": [
        ("Kategori", "Personalekategori"),
        ("Andel", "Andel af timerne, fx 0,6"),
        ("Årsløn", "Kr. pr. årsværk"),
    ],
    "Tilbud": [
        ("Id", "Tilbuddets kode"),
        ("Navn", ""),
        ("Område", ""),
        ("Pladser", "Heltal"),
        ("Belægning", "Egen sats, fx 0,97; tom = historik/standard"),
        ("Efterregulering", "Kr.; + henter underskud, − giver overskud tilbage"),
        ("Faktiske årsværk", ""),
        ("Gammelt budget", "Til indfasning"),
        ("Sidste års budget", ""),
    ],
    "Faste udgifter": [
        ("Tilbud", "Id fra arket Tilbud"),
        ("Kategori", "Fx nattevagt"),
        ("Beløb", "Kr. pr. år"),
    ],
    "Belægningshistorik": [("Tilbud", ""), ("År", ""), ("Belægning", "Fx 0,96")],
    "Resultater": [
        ("Tilbud", ""),
        ("År", "Året resultatet stammer fra"),
        ("Beløb", "Overskud +, underskud −"),
        ("Begrundelse", ""),
    ],
    "Forbrug": [("Tilbud", ""), ("Måned", "1–12"), ("Beløb", "Kr.")],
    "Borgere": [("Id", "Borgerens id"), ("Navn", ""), ("Betalingskommune", "3 cifre, fx 707")],
    "Ophold": [
        ("Borger", "Id fra arket Borgere"),
        ("Tilbud", "Id fra arket Tilbud"),
        ("Indflytning", "Dato"),
        ("Fraflytning", "Dato; tom = fortsætter"),
    ],
    "Vurderinger": [
        ("Borger", ""),
        ("Nr.", "Vurderingens nummer hos borgeren"),
        ("Gælder fra", "Dato"),
        ("Niveau", "Kun for manuelt niveau; S2 med beløb"),
        ("S2-beløb", "Kr. pr. døgn"),
        ("Begrundelse", ""),
        ("Revurdering", "Dato"),
    ],
    "Døgnskema": [
        ("Borger", ""),
        ("Vurdering nr.", "Nr. fra arket Vurderinger"),
        ("Dage", "Fx mon tue wed"),
        ("Start", "TT:MM"),
        ("Slut", "TT:MM"),
        ("Form", "individual, group eller double"),
        ("Personale", "Antal"),
        ("Deltagere", "Antal borgere"),
        ("Tema", "VUM 2.0-tema"),
        ("Undertema", ""),
        ("Lovgrundlag", "SEL85, SEL83, SEL86 eller SUL138"),
        ("Personalekategori", ""),
        ("Note", ""),
    ],
}
