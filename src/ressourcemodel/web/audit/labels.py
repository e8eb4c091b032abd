"""Readable Danish names for the audit trail's action codes and the access log's page names."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "assessment.save_draft": _("Døgnskema gemt som kladde"),
    "assessment.submit": _("Døgnskema indsendt"),
    "assessment.approve": _("Døgnskema godkendt"),
    "tariff_year.update": _("Takstårets parametre ændret"),
    "citizen.anonymise": _("Borger anonymiseret"),
}

PAGES = {
    "citizen": _("Borgerside"),
    "citizens": _("Borgerliste"),
    "schedule_new": _("Nyt døgnskema"),
    "schedule_save_new": _("Gem nyt døgnskema"),
    "assessment": _("Døgnskema"),
    "schedule_save": _("Gem døgnskema"),
    "assessment_transition": _("Indsend/godkend døgnskema"),
    "facility": _("Tilbudsside"),
    "home": _("Forside (revurderinger)"),
}


def action_label(code: str) -> str:
    return str(ACTIONS.get(code, code))


def page_label(code: str) -> str:
    return str(PAGES.get(code, code))
