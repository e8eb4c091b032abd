"""Reads for what-if scenarios: the list, one scenario, and its comparison with live."""

from __future__ import annotations

from ressourcemodel.engine.compare import Comparison, compare
from ressourcemodel.scenario.load import scenario_from_dict
from ressourcemodel.web.calculation.results import computed
from ressourcemodel.web.records import models as m


def whatifs() -> list[m.WhatIf]:
    return list(m.WhatIf.objects.all())


def whatif(pk: int) -> m.WhatIf | None:
    return m.WhatIf.objects.filter(pk=pk).first()


def comparison(w: m.WhatIf) -> Comparison:
    """Live (the first scenario) against the what-if (the second), split into causes."""
    return compare(computed(w.year).scenario, scenario_from_dict(w.scenario))
