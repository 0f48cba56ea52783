from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "jtai.audits"
    label = "audits"
    verbose_name = "Multi-agency case audits"
