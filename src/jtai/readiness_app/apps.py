from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "jtai.readiness_app"
    label = "readiness"
    verbose_name = "Readiness for the executive group"
