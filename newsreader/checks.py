"""System checks for a production deploy (``manage.py check --deploy``)."""

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import Error, Tags, Warning, register
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


@register(deploy=True)
def check_background_imports(app_configs=None, **kwargs):
    """With DEBUG off, imports should wait in the queue for a worker: the immediate backend runs
    them inside the upload's request, where a large upload outlives the server's timeout."""
    backend = settings.TASKS["default"]["BACKEND"]
    if settings.DEBUG or not backend.endswith("ImmediateBackend"):
        return []
    return [
        Warning(
            "TASKS_BACKEND is 'immediate': admin imports run inside the web request, and an "
            "upload of thousands of files outlives the server's timeout.",
            hint="Set TASKS_BACKEND=database and run `manage.py db_worker` (make worker).",
            id="newsreader.W001",
        )
    ]
