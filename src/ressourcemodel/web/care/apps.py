from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "ressourcemodel.web.care"
    label = "care"
    verbose_name = "Tilbud, borgere og takster"
