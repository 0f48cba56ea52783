from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jtai.web"
    label = "web"
    verbose_name = "Web interface"
