"""Errors raised by the engine. Messages are Danish: they are shown to users as they are."""

from __future__ import annotations


class EngineError(ValueError):
    """A calculation cannot be made from the given input (SPEC §3)."""


class ValidationError(EngineError):
    """Input breaks a rule of SPEC §3 (e.g. a døgnskema entry with zero length)."""
