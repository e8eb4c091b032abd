"""Fill the English catalogue: msgids that templates translate from data (status labels, the
memo's model names, error page texts) and the translations of new texts. Run after
`makemessages -l en`; then `compilemessages`. Idempotent."""

from __future__ import annotations

import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parents[1] / "src/ressourcemodel/web/locale/en/LC_MESSAGES/django.po"

EN = {
    "Takstårets parametre ændret": "Tariff year parameters changed",
    "Borger anonymiseret": "Citizen anonymised",
    "Man": "Mon",
    "Tir": "Tue",
    "Ons": "Wed",
    "Tor": "Thu",
    "Fre": "Fri",
    "Lør": "Sat",
    "Søn": "Sun",
    "Beregningen kunne ikke hentes. Prøv igen.": "The calculation could not be fetched. Try again.",
    "Døgnskemaet er godkendt og indgår nu i budgettet.": "The schedule is approved and now counts in the budget.",
    "Døgnskemaet er indsendt til godkendelse.": "The schedule has been submitted for approval.",
    "Takståret er opdateret.": "The tariff year has been updated.",
    "Intet er gemt: %(error)s": "Nothing was saved: %(error)s",
    "manuelt": "set by hand",
    "Ingen belagte dage i %(year)s.": "No occupied days in %(year)s.",
    "CPR mangler": "CPR number missing",
    "version": "version",
    "Version": "Version",
    "Tilbage til": "Back to",
    "År med data:": "Years with data:",
    "Til forsiden": "To the start page",
    "Forbrug til og med %(month)s: %(actual)s mod budget %(budget)s": "Spending to the end of %(month)s: %(actual)s against a budget of %(budget)s",
    "afvigelse": "deviation",
    "Årsprognose: %(rest)s (forbrug + resterende budget) eller %(rate)s (løbende takt).": "Year-end forecast: %(rest)s (spending + remaining budget) or %(rate)s (run rate).",
    "solgt": "sold",
    "solgt plads": "sold place",
    "%(amount)s giver <strong>%(hours)s timer</strong> pr. beboer pr. måned.": "%(amount)s gives <strong>%(hours)s hours</strong> per resident per month.",
    "Beløbet svarer til %(fte)s årsværk à 500.000 kr.": "The amount equals %(fte)s FTE at DKK 500,000.",
    "Notatets fem modeller (pulje %(pot)s)": "The memo's five models (pot %(pot)s)",
    "År:": "Year:",
    "pr. produktiv time": "per productive hour",
    "Beslutning (fx KB 24-06-2025, sag 24/302)": "Decision (e.g. KB 24-06-2025, case 24/302)",
    "Beslutning:": "Decision:",
    "Begrundelse for ændringen": "Reason for the change",
    "Produktive timer pr. årsværk": "Productive hours per FTE",
    "Døgnskema gemt som kladde": "Schedule saved as draft",
    "Døgnskema indsendt": "Schedule submitted",
    "Døgnskema godkendt": "Schedule approved",
    "Borgerside": "Citizen page",
    "Borgerliste": "Citizen list",
    "Gem nyt døgnskema": "Save new schedule",
    "Døgnskema": "Schedule",
    "Gem døgnskema": "Save schedule",
    "Indsend/godkend døgnskema": "Submit/approve schedule",
    "Tilbudsside": "Facility page",
    "Individuel": "Individual",
    "Dobbeltbemanding": "Double staffing",
    "betalingskommune": "paying municipality",
    "Niveau og takst i %(year)s": "Level and tariff in %(year)s",
    "pr. døgn": "per day",
    "Vurdering fra": "Assessment from",
    "Nyt døgnskema (kladde)": "New schedule (draft)",
    "pladser": "places",
    "takstår": "tariff year",
    "grupper": "groups",
    "registreret": "recorded",
    "beregnet af personalesammensætningen": "derived from the staff mix",
    "Indirekte tid": "Indirect time",
    "Niveauer": "Levels",
    "Standardbelægning": "Default occupancy",
    "Overhead ved salg": "Overhead on sales",
    # fixed cost categories (engine.model.FIXED_COST_LABELS_DA)
    "Ledelse og administration": "Management and administration",
    "Bygningsdrift og vedligehold": "Building operation and maintenance",
    "Servicepersonale (TAP)": "Service staff (TAP)",
    "Nattevagt": "Night watch",
    "Kompetenceudvikling": "Competence development",
    "Tilsyn": "Supervision",
    "Afskrivninger": "Depreciation",
    "Tværgående sundhedsindsatser": "Cross-cutting health efforts",
    "Administrative sundhedsfaglige opgaver": "Administrative health tasks",
    "Tværgående møder og netværk": "Cross-cutting meetings and networks",
    "AMR/TR og trio": "Safety and union representatives",
    "Øvrige": "Other",
    "Timepris": "Hourly cost",
    "Forside": "Start page",
    "Parameter": "Parameter",
    "Værdi": "Value",
    "Beslutning": "Decision",
    "personalesammensætning": "staff mix",
    "Timepris tom = beregnes af personalesammensætningen.": "Hourly cost empty = derived from the staff mix.",
    "Afregningen er markeret som faktureret.": "The statement is marked as invoiced.",
    "Hvad nu hvis": "What if",
    "Pr. betalingskommune og måned. Fakturering skal ske senest 12 måneder efter ydelsen (SEL §174, stk. 2): måneder, der er ældre og ikke markeret som faktureret, står med rødt.": "Per paying municipality and month. Invoices must be raised within 12 months of the service (SEL §174(2)): older months not marked as invoiced are shown in red.",
    "Kommune": "Municipality",
    "Linjer": "Lines",
    "Beløb": "Amount",
    "Faktureret": "Invoiced",
    "Over 12 måneder – ikke faktureret": "Over 12 months – not invoiced",
    "Ikke faktureret": "Not invoiced",
    "Afregning (PDF)": "Statement (PDF)",
    "Markér som faktureret": "Mark as invoiced",
    "Takstgrundlag (PDF)": "Tariff basis (PDF)",
    "Forklaring": "Explanation",
    "tilbuddene bag tallene": "the facilities behind the figures",
    "Niveau sat i hånden": "Level set by hand",
    "Minutter pr. uge": "Minutes per week",
    "dage": "days",
    "Budgettet er summen af delene: én del pr. borger og sammenhængende periode med én servicetakst (ophold, eller halen efter en fraflytning).": "The budget is the sum of its parts: one part per citizen and consecutive period with one service tariff (a stay, or the tail after a move-out).",
    "Dele": "Parts",
    "Art": "Kind",
    "hale": "tail",
    "Resultat": "Result",
    "Takstblad (PDF)": "Tariff sheet (PDF)",
    "Se delene": "See the parts",
    "Tilbudsportalen (CSV)": "Tilbudsportalen (CSV)",
    "Tilbudsportalen (Excel)": "Tilbudsportalen (Excel)",
    "Takstblad": "Tariff sheet",
    "hvad nu hvis": "what if",
    "Alle scenarier": "All scenarios",
    "Hent som scenariefil": "Download as scenario file",
    "Budget, levende": "Budget, live",
    "Budget, scenarie": "Budget, scenario",
    "Forskellen fordelt på årsager": "The difference by cause",
    "Virkning pr. årsag": "Effect by cause",
    "Levende": "Live",
    "Scenarie": "Scenario",
    "Ændr scenariet": "Change the scenario",
    "Udgift": "Cost line",
    "Flyt ud": "Move out",
    "Hvad nu hvis-scenarier": "What-if scenarios",
    "Et scenarie er en kopi af det levende takstår. Ændringer i scenariet rører aldrig de levende data; sammenligningen viser forskellen fordelt på årsager.": "A scenario is a copy of the live tariff year. Changes in the scenario never touch live data; the comparison shows the difference by cause.",
    "Start et nyt scenarie fra det levende år": "Start a new scenario from the live year",
    "Afregning": "Billing",
    "Afregning af solgte pladser": "Billing of sold places",
    "Ingen solgte pladser i året.": "No sold places in the year.",
    "Døgnskemaet bag niveauet": "The schedule behind the level",
    "Hele kommunen": "The whole municipality",
    "Tilbage til overblikket": "Back to the overview",
    "Niveau og takst forklaret": "Level and tariff explained",
    "indirekte tid": "indirect time",
    "Tilbage til borgeren": "Back to the citizen",
    "niveau": "level",
    "revurderes": "review",
    "Personale:borgere": "Staff:citizens",
    "timer pr. døgn": "hours per day",
    "Aktivitetsbudget forklaret": "Activity budget explained",
    "Tilbage til tilbuddet": "Back to the facility",
    "Hele året": "The whole year",
    "ophold": "stay",
    "Efterregulering fastsat for året": "Regulation set for the year",
    "belægning": "occupancy",
    "Forskel": "Difference",
    "Pr. tilbud": "By facility",
    "Ændringer i scenariet": "Changes in the scenario",
    "Ny værdi": "New value",
    "Ændr": "Change",
    "Beløb pr. år": "Amount per year",
    "Tilføj indsats i et nyt døgnskema": "Add an entry in a new schedule",
    "Flyt ind": "Move in",
    "Slet scenariet": "Delete the scenario",
    "År": "Year",
    "Ændret": "Changed",
    "Ingen scenarier endnu.": "No scenarios yet.",
    "Takstparametre og niveauer": "Tariff parameters and levels",
    "Tilbuddenes faste udgifter, pladser og efterregulering": "Facilities' fixed costs, places and regulation",
    "Ophold (ind- og udflytninger)": "Stays (moves in and out)",
    "Vurderinger (døgnskemaer og manuelle niveauer)": "Assessments (schedules and hand-set levels)",
    "Virkning på budgettet": "Effect on the budget",
    # status labels (model choices, translated in templates)
    "Kladde": "Draft",
    "Indsendt": "Submitted",
    "Godkendt": "Approved",
    "Offentliggjort": "Published",
    # error pages
    "Ingen data for året": "No data for the year",
    "Ugyldig forespørgsel": "Invalid request",
    "Ingen adgang": "Access denied",
    "Din rolle giver ikke adgang til denne side.": "Your role does not give access to this page.",
    "Siden findes ikke": "Page not found",
    "Siden findes ikke, eller du har ikke adgang.": "The page does not exist, or you have no access.",
    "Der opstod en fejl": "An error occurred",
    "Der opstod en fejl. Intet er gemt.": "An error occurred. Nothing was saved.",
    # the memo's models and units (data shown through {% translate %})
    "Model 1": "Model 1",
    "Model 2": "Model 2",
    "Model 3": "Model 3",
    "Model 4": "Model 4",
    "Model 5": "Model 5",
    "Klippekort til alle beboere undtagen §97 og §81": "Punch card for all residents except §97 and §81",
    "Bostøtte til borgere i socialpsykiatrien": "Floating support in social psychiatry",
    "Øvrig bostøtte": "Other floating support",
    "Klippekort til alle undtagen §97 (§81 medfinansierer)": "Punch card for all except §97 (§81 co-funds)",
    "Ledsagelse, individuel (funktionsniveau 4–5)": "Escort, individual (function level 4–5)",
    "Ledsagelse i grupper af 3": "Escort in groups of 3",
    "Øget normering i botilbud via ressourcetildelingen": "More staff in residential care via the allocation model",
    "Bostøtte til borgere i psykiatrien": "Floating support in psychiatry",
    "Øget normering i botilbud via ressourcefordelingsnøglen": "More staff in residential care via the resource key",
    "Øget normering til bostøtte": "More staff for floating support",
    "timer pr. beboer pr. måned": "hours per resident per month",
    "timer pr. gruppe pr. måned": "hours per group per month",
    "årsværk": "FTE",
    "fordelt efter ressourcenøglen": "distributed by the resource key",
    "Før": "Before",
    "Efter": "After",
    "Nøgletal": "Key figures",
    "Central budgetmodel %(year)s": "Central budget model %(year)s",
    "Kode": "Code",
    "Borgere %(year)s": "Citizens %(year)s",
    "Måneder": "Months",
    "Solgt til": "Sold to",
    "%(file)s er indlæst for takstår %(year)s.": "%(file)s has been imported for tariff year %(year)s.",
    "Modeller": "Models",
    "Model": "Model",
    "Element": "Element",
    "Pulje: %(pot)s kr.": "Pot: DKK %(pot)s",
    "Timer pr. døgn fra": "Hours per day from",
    "Timer pr. døgn til": "Hours per day to",
    "Takstår %(year)s, timepris %(cost)s kr.": "Tariff year %(year)s, hourly cost DKK %(cost)s",
    "Personale": "Staff",
    "Årsløn": "Annual salary",
    "Basistakster": "Base tariffs",
    "Hent som Excel": "Download as Excel",
    "Indlæs regneark": "Import workbook",
    "Skift adgangskode": "Change password",
    "Nulstil adgangskode": "Reset password",
    "Forhåndsvisning af indlæsning": "Import preview",
    "Forhåndsvisning": "Preview",
    "Regnearket er gyldigt for takstår %(year)s. Intet er gemt endnu: sådan ville året se ud, når du bekræfter.": "The workbook is valid for tariff year %(year)s. Nothing is saved yet: this is how the year would look when you confirm.",
    "Takståret findes allerede; det gemmes som en ny version, og den gamle bevares.": "The tariff year exists already; it is saved as a new version and the old one is kept.",
    "Intet er gemt.": "Nothing has been saved.",
    "Oprettes": "Created",
    "Ændres": "Changed",
    "Uændret": "Unchanged",
    "Ikke i filen (røres ikke)": "Not in the file (left alone)",
    "%(n)s vurderinger med døgnskemaer i filen.": "%(n)s assessments with schedules in the file.",
    "Takstårets parametre eller niveauer ændres.": "The tariff year's parameters or levels change.",
    "Sådan flytter budgettet sig": "How the budget moves",
    "Budget nu": "Budget now",
    "Budget efter": "Budget after",
    "Ændring": "Change",
    "Indlæser …": "Importing …",
    "Bekræft og indlæs": "Confirm and import",
    "Fortryd": "Cancel",
    "Indlæs et regneark": "Import a workbook",
    "Hent den tomme skabelon med hjælpeark (.xlsx)": "Download the empty template with its help sheet (.xlsx)",
    "Læser og kontrollerer regnearket …": "Reading and checking the workbook …",
    "Regneark": "Workbook",
    "Kontrollér og vis forhåndsvisning": "Check and preview",
    "Højst %(max_mb)s MB.": "At most %(max_mb)s MB.",
    "Ark": "Sheet",
    "Række": "Row",
    "Kolonne": "Column",
    "Fejl": "Error",
    "De første %(shown)s fejl er vist.": "The first %(shown)s errors are shown.",
    "Nulstil en brugers adgangskode": "Reset a user's password",
    "Ny midlertidig adgangskode (vises kun nu; giv den til brugeren, som skifter den):": "New temporary password (shown only now; give it to the user, who changes it):",
    "Nulstil": "Reset",
    "Et takstår i produktets Excel-skabelon: parametre, niveauer, tilbud, faste udgifter, borgere, ophold, vurderinger og døgnskemaer. Rækker oprettes eller opdateres efter id'erne i arkene. Du ser en forhåndsvisning, før noget gemmes; er blot én række forkert, gemmes intet.": "A tariff year in the product's Excel template: parameters, levels, facilities, fixed costs, citizens, stays, assessments and schedules. Rows are created or updated by the ids in the sheets. You see a preview before anything is saved; if a single row is wrong, nothing is saved.",
    "Priser": "Prices",
    "Med KL's pris- og lønskøn: lønprocenten på timeprisen (eller personalets årslønninger) og på de lønprægede faste udgifter, prisprocenten på de øvrige. Efterregulering, forbrug og historik hører til et år og følger ikke med. Du ser de nye takster, før noget gemmes; det nye år gemmes som kladde.": "With KL's price and wage index: the wage percentage on the hourly cost (or the staff's annual salaries) and on the wage-type fixed costs, the price percentage on the others. Regulation, actuals and history belong to a year and are not carried. You see the new tariffs before anything is saved; the new year is saved as a draft.",
    "Fra år:": "From year:",
    "Løn, %%": "Wages, %%",
    "Priser, %%": "Prices, %%",
    "Gemmer …": "Saving …",
    "Gem takstår %(next)s som kladde": "Save tariff year %(next)s as a draft",
    "Fremskriv til næste år": "Roll forward to next year",
    'overskredet': 'overdue',
    'Forside (revurderinger)': 'Start page (reviews)',
}
PLURALS = {
    "%(n)s fejl i %(filename)s – intet er gemt": (
        "%(n)s error in %(filename)s – nothing saved",
        "%(n)s errors in %(filename)s – nothing saved",
    ),
    "%(n)s indsats": ("%(n)s entry", "%(n)s entries"),
    "%(n)s borger": ("%(n)s citizen", "%(n)s citizens"),
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _msgid(entry: str) -> str:
    m = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
    if not m:
        return ""
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1))).replace('\\"', '"')


def main() -> int:
    text = PO.read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n") if not e.lstrip().startswith("#~")]
    seen = set()
    out = []
    for e in entries:
        raw = e
        mid = _msgid(e)
        seen.add(mid)
        lines = [ln for ln in e.split("\n") if not ln.startswith("#|")]
        lines = [ln.replace("#, fuzzy, ", "#, ").replace("#, fuzzy", "") if ln.startswith("#,")
                 else ln for ln in lines]  # fmt: skip
        lines = [ln for ln in lines if ln.strip() not in ("#,", "#")]
        e = "\n".join(lines)
        if mid in PLURALS:
            one, many = PLURALS[mid]
            e = re.sub(r"msgstr\[0\].*", f"msgstr[0] {_quote(one)}", e)
            e = re.sub(r"msgstr\[1\].*", f"msgstr[1] {_quote(many)}", e)
        elif "#, fuzzy" in raw and mid not in EN:
            e = re.sub(r'^msgstr ((?:".*"\n?)+)', 'msgstr ""', e, flags=re.M)
        elif mid in EN:
            e = re.sub(r'^msgstr ((?:".*"\n?)+)', f"msgstr {_quote(EN[mid])}", e, flags=re.M)
        out.append(e.rstrip("\n"))
    for mid, english in EN.items():
        if mid not in seen:
            out.append(f"msgid {_quote(mid)}\nmsgstr {_quote(english)}")
    result = "\n\n".join(out) + "\n"
    PO.write_text(result.replace('"Language: \\n"', '"Language: en\\n"'), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
