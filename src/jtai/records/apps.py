from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "jtai.records"
    label = "records"
    verbose_name = "Loaded records"
