"""Errors a service raises for the user: a Danish message, and nothing was saved."""


class ServiceError(Exception):
    """A Danish message for the user; nothing was saved."""


class StaleError(ServiceError):
    """Someone else saved the same record first (optimistic locking)."""


class BadParameter(ServiceError):
    """A query parameter of a page could not be read (e.g. ``?aar=abc``)."""
