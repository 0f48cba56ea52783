from django.apps import AppConfig


class SelectionsConfig(AppConfig):
    name = "jtai.selections"
    label = "selections"
    verbose_name = "Children chosen for audit"
