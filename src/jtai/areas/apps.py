from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "jtai.areas"
    label = "areas"
    verbose_name = "Partnership areas"
