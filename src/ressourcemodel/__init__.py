"""Ressourcemodel: ressourcetildeling, takster og budgetter for botilbud og bofællesskaber."""

__version__ = "0.1.0"
