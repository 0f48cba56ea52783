from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "jtai.access"
    label = "access"
    verbose_name = "Access and accounts"
