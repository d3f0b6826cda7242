"""Annotation benchmark: server time to create an annotation through the API, and to read an
article's 500 annotations for its page.

    .venv/bin/python bench/annotation_bench.py [--creates 300] [--annotations 500]

Uses a throw-away test database (``test_`` + the configured name; PostgreSQL with
DATABASE_URL=postgres://…, else SQLite), made and dropped by Django's test machinery. Requests
go through Django's test client, in process: the figure is the server's time, without network.
The goal (issue 5): creating an annotation answers in under 50 ms median.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from common import ROOT, django_setup, throwaway_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--creates", type=int, default=300)
    parser.add_argument("--annotations", type=int, default=500)
    args = parser.parse_args()

    django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with throwaway_database():
        from django.contrib.auth import get_user_model

        from annotations.selectors import article_annotations_for
        from annotations.w3c import MEDIA_TYPE
        from articles.services import seed_import

        seed = ROOT / "fixtures" / "000_f7e28fe3f4ccecb1.txt"
        article = seed_import(name=seed.name, data=seed.read_bytes()).article
        user = get_user_model().objects.create_user("bench", password="bench-password")
        client = Client()
        client.force_login(user)
        body, source = article.body, "http://testserver" + article.get_absolute_url()

        timings = []
        for i in range(args.creates):
            start = (i * 37) % (len(body) - 60)
            data = {
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "type": "Annotation",
                "body": [
                    {"type": "TextualBody", "value": f"Kommentar **{i}**", "purpose": "commenting"},
                    {"type": "TextualBody", "value": f"tag{i % 10}", "purpose": "tagging"},
                ],
                "target": {
                    "source": source,
                    "selector": [
                        {"type": "TextPositionSelector", "start": start, "end": start + 40},
                        {"type": "TextQuoteSelector", "exact": body[start : start + 40]},
                    ],
                },
                "visibility": "shared",
            }
            payload = json.dumps(data)
            began = time.perf_counter()
            response = client.post("/api/annotations/", payload, content_type=MEDIA_TYPE)
            timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 201, response.content
        timings = timings[10:]  # warm-up
        print(f"database: {connection.vendor}")
        print(
            f"POST /api/annotations/: median {statistics.median(timings):.1f} ms, "
            f"p95 {statistics.quantiles(timings, n=20)[18]:.1f} ms over {len(timings)} requests"
        )

        existing = article.annotations.count()
        for i in range(max(0, args.annotations - existing)):
            start = (i * 53) % (len(body) - 60)
            client.post(
                "/api/annotations/",
                json.dumps(
                    {
                        "type": "Annotation",
                        "target": {
                            "source": source,
                            "selector": {
                                "type": "TextPositionSelector",
                                "start": start,
                                "end": start + 25,
                            },
                        },
                    }
                ),
                content_type="application/json",
            )
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            rows = article_annotations_for(user, article)
            elapsed = (time.perf_counter() - began) * 1000
        print(
            f"article_annotations_for: {len(rows)} annotations in {elapsed:.1f} ms, "
            f"{len(queries)} queries"
        )


if __name__ == "__main__":
    main()
