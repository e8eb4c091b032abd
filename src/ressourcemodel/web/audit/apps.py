from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ressourcemodel.web.audit"
    label = "audit"
    verbose_name = "Revisionsspor"
