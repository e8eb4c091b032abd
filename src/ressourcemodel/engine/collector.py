"""Python's cyclic garbage collector around a large calculation.

A national calculation (and reading its file, and writing its result) makes millions of
objects and no reference cycles: frozen values, tuples, dicts. Reference counting frees all of
it; the cyclic collector would only walk the new objects again and again while they are made —
a third of the time on 30.000 residents. ``collector_paused`` pauses it for the work.

Switched on again plainly, its next run would still walk every object made meanwhile once (they
all sit in the youngest generation): 0,05–0,13 s on 30.000 residents, paid by whatever comes
next — the web request after a calculation, or the command as it frees its objects. So the
objects the collector tracks are moved to the oldest generation first, without a walk
(``gc.freeze`` then ``gc.unfreeze``: every generation is merged into the permanent one, and
that into the oldest): those made meanwhile, and the few young ones from before. They are
collected with it, as objects that lived long are. Where objects were frozen before
(the web server's master freezes the application and the year's result before it forks its
workers, ``web_cli._freeze_for_workers``), nothing is moved: ``unfreeze`` would hand those
back to the collector too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block, then switch it on again with the objects made
    meanwhile in the oldest generation (unless objects were frozen). Nothing is changed if the
    collector was already off."""
    was_on = gc.isenabled()
    if was_on:
        gc.disable()
    try:
        yield
    finally:
        if was_on:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
