"""Background tasks (Django's Tasks API through the django-tasks backport; ``django.tasks``
from Django 6.0). Run by ``manage.py db_worker`` with the database backend, or inside the
request that enqueues them with the immediate one (settings: ``TASKS_BACKEND``)."""

from django_tasks import task

from articles import import_jobs


@task()
def import_job_run(job_id: int) -> dict:
    """Import an upload's files (``articles.import_jobs.import_job_run``)."""
    return import_jobs.import_job_run(job_id=job_id)
