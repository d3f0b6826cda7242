from django.apps import AppConfig


class NewsreaderConfig(AppConfig):
    """The project package as an app, so that its system checks are registered."""

    name = "newsreader"
    verbose_name = "Newsreader"

    def ready(self):
        from . import checks  # noqa: F401  (registers the checks)
