"""The pure calculation engine (SPEC §3).

No Django, no I/O, no settings and never ``float``: money is ``Decimal`` built from ``str``/``int``
and every rounding point is a named ``ROUND_HALF_UP`` function in :mod:`.money`. Schedule hours are
kept as exact ``Fraction`` until a rounding point.
"""
