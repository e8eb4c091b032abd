from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ressourcemodel.web.accounts"
    label = "accounts"
    verbose_name = "Brugere og roller"
