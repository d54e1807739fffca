from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo data of every app (the command seed_demo): on top of the chain, as it fills them all."""

    name = "demo"
    verbose_name = _("Demo")
