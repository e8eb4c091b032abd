"""Logging filter: no CPR number leaves the process in a log line (defence in depth — the
application itself never logs one)."""

from __future__ import annotations

import logging

from ressourcemodel.cpr import redact


class RedactCprFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
