from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "jtai.links"
    label = "links"
    verbose_name = "Children linked across agencies"
