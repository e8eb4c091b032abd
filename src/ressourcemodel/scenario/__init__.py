"""Scenario files (SPEC §4): YAML/JSON ⇄ engine objects, with validation in Danish."""

from .load import ScenarioError, load_scenario, parse_scenario

__all__ = ["ScenarioError", "load_scenario", "parse_scenario"]
