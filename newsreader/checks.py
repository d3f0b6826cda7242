"""System checks for a production deploy (``manage.py check --deploy``)."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import Error, Tags, register
from django.core.files.storage import storages


@register(Tags.staticfiles, deploy=True)
def check_static_manifest(app_configs=None, **kwargs):
    """With DEBUG off the manifest storage names every static file after its hash, read from
    STATIC_ROOT/staticfiles.json; without it every page that links a stylesheet fails. A deploy
    check only: ``migrate`` and ``collectstatic`` itself run the ordinary checks, and a release
    migrates before it collects."""
    if settings.DEBUG:
        return []
    storage = storages.create_storage(settings.STORAGES["staticfiles"])
    if not isinstance(storage, ManifestFilesMixin):
        return []
    if storage.manifest_storage.exists(storage.manifest_name):
        return []
    return [
        Error(
            f"The static files manifest {storage.manifest_name} is missing from STATIC_ROOT "
            f"({settings.STATIC_ROOT}): pages would fail to link their stylesheets.",
            hint="Run `manage.py collectstatic --noinput` (make serve does) after each release.",
            id="newsreader.E001",
        )
    ]
