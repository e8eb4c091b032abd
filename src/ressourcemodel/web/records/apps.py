from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """The data model of facilities, citizens and tariff years. The label stays ``care`` so the
    tables and migration history of existing databases carry on (ADR 0006)."""

    name = "ressourcemodel.web.records"
    label = "care"
    verbose_name = "Tilbud, borgere og takster"
