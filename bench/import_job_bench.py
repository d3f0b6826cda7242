"""An admin upload of many seed files through the background job queue, end to end.

Usage (from the repository root)::

    .venv/bin/python bench/import_job_bench.py --files 5000

Sets up a throwaway SQLite database in a temporary folder with ``TASKS_BACKEND=database``,
makes a staff user, builds a zip of N generated seed files (about 2 kB of quote-heavy German
text each, different in every file; see bench/quote_scaling.py), uploads it through the admin's
"Import seed files" page with Django's test client, then runs ``manage.py db_worker --batch``
and reads the job's progress while the worker runs and its summary at the end. Prints: the
upload's time, the worker's time, files per second, the progress seen, and the summary.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def build_zip(n: int) -> bytes:
    from quote_scaling import article

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(n):
            body = article(2000, seed=i)
            archive.writestr(
                f"seed_{i:05d}.txt", f" date 2024-{1 + i % 12:02d} {body}\n\nQuelle: Test\n"
            )
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=5000)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="newsreader-jobs-"))
    os.environ.update(
        DATABASE_URL=f"sqlite:///{tmp / 'jobs.sqlite3'}",
        TASKS_BACKEND="database",
        ALLOWED_HOSTS="testserver,127.0.0.1",
        DJANGO_SETTINGS_MODULE="newsreader.settings",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    from articles.models import ImportJob

    call_command("migrate", verbosity=0)
    staff = get_user_model().objects.create_superuser("jobs", "jobs@example.org", "jobs-pw")
    data = build_zip(args.files)
    client = Client()
    client.force_login(staff)
    t0 = time.perf_counter()
    response = client.post(
        "/admin/articles/article/import/",
        {"files": [SimpleUploadedFile("seeds.zip", data, "application/zip")]},
    )
    upload = time.perf_counter() - t0
    job = ImportJob.objects.get()
    print(
        f"upload of {args.files} files ({len(data) / 1e6:.1f} MB zip): {upload:.1f} s, "
        f"answer {response.status_code} to {response.get('Location')}, job {job.status}"
    )
    seen = []
    done = threading.Event()

    def watch():
        while not done.wait(5):
            job.refresh_from_db()
            seen.append((job.files_done, job.total_files))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload"],
        cwd=ROOT, env=os.environ, check=True,
    )  # fmt: skip
    work = time.perf_counter() - t0
    done.set()
    job.refresh_from_db()
    print(f"worker: {work:.1f} s, {job.files_done / work:.0f} files/s")
    print("progress seen every 5 s: " + ", ".join(f"{d}/{t}" for d, t in seen))
    print(
        f"summary: {job.status}; {job.files_done}/{job.total_files} files: imported "
        f"{job.imported}, replaced {job.replaced}, unchanged {job.unchanged}, failed {job.failed}"
    )
    return 0 if job.files_done == job.total_files and not job.failed else 1


if __name__ == "__main__":
    raise SystemExit(main())
