"""Field options shared by the models.

Money is ``DecimalField(max_digits ≤ 15)``: on SQLite it is stored as REAL, so money is never
summed in SQL — the engine sums exactly in Python (ADR 0001).
"""

from typing import TypedDict


class DecimalOptions(TypedDict):
    max_digits: int
    decimal_places: int


MONEY: DecimalOptions = {"max_digits": 14, "decimal_places": 2}  # kroner and øre
RATE: DecimalOptions = {"max_digits": 6, "decimal_places": 4}  # shares such as 0.2500
