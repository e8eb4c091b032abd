"""Month names in the page's language (Django's own catalogue: "januar" in Danish)."""

from django.utils.dates import MONTHS, MONTHS_3


def month_name(month: int) -> str:
    return str(MONTHS[month])


def month_abbr(month: int) -> str:
    return str(MONTHS_3[month]).capitalize()
