"""Reading benchmark: 100,000 generated articles in PostgreSQL, server time of the reading pages.

    .venv/bin/python bench/reading_bench.py [--articles 100000] [--requests 100] [--rounds 3]
                                            [--reuse] [--quotations 1000000] [--rebuild]

Uses its own database (``newsreader_reading_bench`` on the local PostgreSQL, or
$BENCH_READING_DATABASE_URL), dropped, migrated and filled at the start (``--reuse`` keeps a
filled one, and fills it when it is missing or empty). Articles come from bench/import_bench.py's
generator and go in with bulk_create, so the search trigger fills their search vectors;
quotations are the generator's quoted passages, given to random speakers. A source "Bystander"
holds one old article that no measured page shows, for the writes of the "after a write" case.

``--quotations N`` measures a second database too, the first one's copy with quotations added
until there are N (``<name>_1m``, made once and reused with ``--reuse``): sentences of the
articles, a few speakers given very many of them (the most quoted one tens of thousands), so
that the speaker and source pages' data grows while the articles stay the same.

Rows written around the app's services are not in its maintained aggregates, so after a bulk
fill (and after migrations ran on a reused database, or with ``--rebuild``)
``articles.derived.rebuild()`` recomputes them, when the code has it.

Each page is requested with Django's test Client (DEBUG off, logged in), in ``--rounds`` turns
over all pages (and both databases), and the server time's median and 95th percentile over all
rounds are printed, in four ways:

- cached: the same request again (the shared cache of articles/shared.py serves it);
- cold: every cache emptied before each request (outside the timing): a page's first request;
- after update(): before each request (outside the timing) the bystander article's title is
  changed with ``QuerySet.update()``, a write that changes nothing the page shows;
- after save(): the same write through ``Model.save()``.

Next to them, measured in the same rounds: a trivial Django view (the same middleware), the
site's layout around one word, and raw SQL (the newest 20 articles' ids and titles through
``connection.cursor()``); each page's median is printed divided by the trivial view's and the
raw SQL's. The queries each way ran once are counted too: an object's page served from the
cache after a write runs as few as the cached one; a list served whole after a write runs its
own queries too (those that say what it shows), but not those of its rows.
A benchmark, not a test: the figures go into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BENCH_URL = os.environ.get(
    "BENCH_READING_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsreader_reading_bench"
)
QUOTED = re.compile(r"„[^“\n]+“|\"[^\"\n]+\"|»[^«\n]+«")
# The generator's plain sentences (import_bench.sentence), for the quotations --quotations adds.
SENTENCE = re.compile(r"(?:Die|Nach Angaben|Kritiker werfen) [^.„“\"»«\n]+\.")
RARE = "Die Rede war von der gesamten westlichen Militärmaschinerie."
BATCH = 2000
RAW_SQL = "SELECT id, title FROM articles_article ORDER BY date DESC, id DESC LIMIT 20"
MODES = ("cached", "cold", "after update()", "after save()")
# Shares of the added quotations for the most quoted speakers; the rest go to all alike.
HOT = (0.25, 0.12, 0.08, 0.04, 0.02)


def fill(count: int, seed: int = 4) -> None:
    """``count`` articles, 300 speakers, 5 outlets; one article with 50 quotations."""
    from import_bench import FIRST, LAST, ROLES, article

    from articles import seedfile
    from articles.models import Article, Quote, Source, Speaker

    rng = random.Random(seed)
    sources = {}
    speakers = Speaker.objects.bulk_create(
        Speaker(name=f"{first} {last} {n}", slug=f"speaker-{n}", role=rng.choice(ROLES))
        for n, (first, last) in enumerate((rng.choice(FIRST), rng.choice(LAST)) for _ in range(300))
    )
    started = time.perf_counter()
    for first in range(0, count, BATCH):
        parsed = []
        for n in range(first, min(first + BATCH, count)):
            text = article(rng)
            if n % 1000 == 0:  # one article in a thousand names the rare phrase
                text = text.replace("\n\n", f" {RARE}\n\n", 1)
            parsed.append((n, seedfile.parse(text, f"reading_{n:06d}.txt")))
        for _n, p in parsed:
            if p.source not in sources:
                sources[p.source] = Source.objects.create(
                    name=p.source, slug=f"source-{len(sources)}"
                )
        articles = Article.objects.bulk_create(
            Article(
                source=sources[p.source],
                title=p.title,
                slug=f"reading-{n}",
                date=p.date + datetime.timedelta(days=rng.randrange(28)),
                date_precision="day",
                body=p.body,
                seed_filename=p.filename,
                content_hash=hashlib.sha256(f"{n}:{p.content_hash}".encode()).hexdigest(),
            )
            for n, p in parsed
        )
        Quote.objects.bulk_create(
            Quote(
                article=a,
                start=m.start(),
                end=m.end(),
                kind="direct",
                speaker=rng.choice(speakers),
            )
            for a in articles
            for m in QUOTED.finditer(a.body)
        )
        done = first + len(parsed)
        if done % 20_000 == 0 or done == count:
            print(f"  {done} articles, {time.perf_counter() - started:.0f} s", flush=True)

    # The article page's case: one long article with 50 quotations.
    people = rng.sample(speakers, 8)
    paragraphs = [
        f"Am {n + 1}. Tag sagte {people[n % 8].name}: „Die Lage bleibt angespannt, und wir "
        f"werden die Vorschläge sorgfältig prüfen, Punkt {n + 1}.“ Danach ging es weiter."
        for n in range(50)
    ]
    body = "\n\n".join(paragraphs)
    long = Article.objects.create(
        source=next(iter(sources.values())),
        title="Fünfzig Zitate an einem Tag",
        slug="fifty-quotes",
        date=datetime.date(2024, 6, 1),
        body=body,
        seed_filename="fifty.txt",
        content_hash="f" * 64,
    )
    Quote.objects.bulk_create(
        Quote(article=long, start=m.start(), end=m.end(), kind="direct", speaker=people[i % 8])
        for i, m in enumerate(re.finditer(r"„[^“]+“", body))
    )


def bystander() -> int:
    """The article the "after a write" case writes to: its own source, dated before every
    other article, no quotations, none of the searched words: on no measured page."""
    from articles.models import Article, Source

    source, _ = Source.objects.get_or_create(slug="bystander", defaults={"name": "Bystander"})
    article, _ = Article.objects.get_or_create(
        slug="bystander",
        defaults={
            "source": source,
            "title": "Ein unbeteiligter Artikel",
            "date": datetime.date(1990, 1, 1),
            "date_precision": "day",
            "body": "Ein Artikel, den keine gemessene Seite zeigt.",
            "seed_filename": "bystander.txt",
            "content_hash": "b" * 64,
        },
    )
    return article.pk


def add_quotations(total: int, seed: int = 5) -> int:
    """Quotations added until there are ``total``: plain sentences of the articles (none inside
    a quotation already there), most to the speakers quoted most already, the rest to all
    alike. Returns how many were added."""
    from django.db.models import Count

    from articles.models import Article, Quote, Speaker

    missing = total - Quote.objects.count()
    if missing <= 0:
        return 0
    rng = random.Random(seed)
    taken: dict[int, list[tuple[int, int]]] = {}
    for article_id, start, end in Quote.objects.values_list("article_id", "start", "end"):
        taken.setdefault(article_id, []).append((start, end))
    free = []
    for article_id, body in Article.objects.values_list("pk", "body").iterator(chunk_size=2000):
        spans = taken.get(article_id, ())
        free += [
            (article_id, m.start(), m.end())
            for m in SENTENCE.finditer(body)
            if not any(s < m.end() and m.start() < e for s, e in spans)
        ]
    if len(free) < missing:
        raise SystemExit(f"only {len(free)} sentences free for {missing} more quotations")
    spans = rng.sample(free, missing)
    del free, taken
    ranked = [
        row["speaker"]
        for row in Quote.objects.filter(speaker__isnull=False)
        .values("speaker")
        .annotate(n=Count("id"))
        .order_by("-n", "speaker")
    ]
    everyone = list(Speaker.objects.values_list("pk", flat=True))
    owners = []
    for share, speaker in zip(HOT, ranked, strict=False):
        owners += [speaker] * int(missing * share)
    owners += [rng.choice(everyone) for _ in range(missing - len(owners))]
    rng.shuffle(owners)
    started = time.perf_counter()
    for first in range(0, missing, 5000):
        Quote.objects.bulk_create(
            Quote(
                article_id=article_id,
                start=start,
                end=end,
                kind="indirect",
                speaker_id=speaker,
                confidence=0.9,
            )
            for (article_id, start, end), speaker in zip(
                spans[first : first + 5000], owners[first : first + 5000], strict=True
            )
        )
        done = min(first + 5000, missing)
        if done % 50_000 == 0 or done == missing:
            print(f"  {done} quotations, {time.perf_counter() - started:.0f} s", flush=True)
    return missing


def rebuild_derived() -> None:
    """``articles.derived.rebuild()``, when the code has it: the aggregates the pages read."""
    from articles import derived

    if not hasattr(derived, "rebuild"):
        print("articles.derived.rebuild() does not exist (yet): nothing rebuilt")
        return
    started = time.perf_counter()
    derived.rebuild()
    print(f"articles.derived.rebuild() took {time.perf_counter() - started:.1f} s", flush=True)
    # Tables just refilled have no statistics until autovacuum comes by: without them the
    # planner scans (the article list's speakers per row: 231 ms before, 1 ms after).
    started = time.perf_counter()
    vacuum()
    print(f"VACUUM ANALYZE took {time.perf_counter() - started:.1f} s", flush=True)


def vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def migrate() -> bool:
    """Migrate the connected database; whether any migration ran."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", verbosity=0)
    return bool(plan)


def database_name(url: str) -> str:
    from newsreader.settings import database_from_url

    return database_from_url(url)["NAME"]


def admin_connection():
    from common import postgres_admin

    return postgres_admin(BENCH_URL)[0]


def exists(name: str) -> bool:
    with admin_connection() as admin:
        return bool(
            admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        )


def use_database(name: str) -> None:
    """Point Django's connection (and so the test Client's requests) at database ``name``."""
    from django.core.cache import caches
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name
    for cache in caches.all():
        cache.clear()


def prepare_large(base: str, large: str, quotations: int, *, reuse: bool, rebuild: bool) -> None:
    """The database of ``--quotations``: the base one copied, and quotations added."""
    from django.db import connection

    if reuse and exists(large):
        use_database(large)
        if migrate() or rebuild:
            rebuild_derived()
        return
    print(f"copying {base} to {large} …", flush=True)
    connection.close()
    with admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{large}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{large}" TEMPLATE "{base}"')
    use_database(large)
    print(f"adding quotations up to {quotations} …", flush=True)
    add_quotations(quotations)
    rebuild_derived()
    vacuum()


def cases() -> list[tuple[str, str]]:
    """The pages measured, as (name, URL), chosen in the connected database."""
    from django.db.models import Count

    from articles.models import Article, Quote, Speaker

    speaker = Speaker.objects.order_by("pk").first()
    top_speaker = (
        Quote.objects.filter(speaker__isnull=False)
        .values("speaker__slug")
        .annotate(n=Count("id"))
        .order_by("-n", "speaker__slug")
        .first()
    )
    top_source = (
        Article.objects.values("source__slug")
        .annotate(n=Count("id"))
        .order_by("-n", "source__slug")
        .first()
    )
    return [
        ("search, rare word (“Militärmaschinerie”)", "/articles/?q=Militärmaschinerie"),
        ("search, phrase and exclusion", '/articles/?q="westliche Militärmaschinerie" -Lawrow'),
        (
            "search, common word (“Waffenlieferungen”), by relevance",
            "/articles/?q=Waffenlieferungen",
        ),
        ("search, common word, newest first", "/articles/?q=Waffenlieferungen&sort=newest"),
        ("article list, first page", "/articles/"),
        ("article list, page 100", "/articles/?page=100"),
        ("article list, one speaker", f"/articles/?speaker={speaker.slug}"),
        ("article page, 50 quotations", "/articles/fifty-quotes/"),
        ("speaker page (first speaker)", f"/speakers/{speaker.slug}/"),
        (
            f"speaker page, most quoted ({top_speaker['n']:,} quotations)",
            f"/speakers/{top_speaker['speaker__slug']}/",
        ),
        ("speaker list", "/speakers/"),
        ("source list", "/sources/"),
        (
            f"source page, largest ({top_source['n']:,} articles)",
            f"/sources/{top_source['source__slug']}/",
        ),
    ]


class Writer:
    """The unrelated write before each request of the "after a write" ways."""

    def __init__(self, pk: int):
        from articles.models import Article

        self.pk = pk
        self.article = Article.objects.get(pk=pk)
        self.count = 0

    def __call__(self, mode: str) -> None:
        from articles.models import Article

        self.count += 1
        title = f"Ein unbeteiligter Artikel, Fassung {self.count}"
        if mode == "after update()":
            Article.objects.filter(pk=self.pk).update(title=title)
        else:
            self.article.title = title
            self.article.save()


def prepare(mode: str, writer: Writer) -> None:
    """What each way does before a request, outside the timing."""
    from django.core.cache import caches

    if mode == "cold":
        for cache in caches.all():
            cache.clear()
    elif mode.startswith("after"):
        writer(mode)


def measure(
    client, url: str, requests: int, mode: str, writer: Writer, budget: float = 0
) -> list[float]:
    """Server times of ``requests`` requests in ms, after 5 warm-up requests; after ``budget``
    seconds (when not 0) fewer, but at least 5."""
    for _ in range(5):  # warm up: connection, caches, templates
        assert client.get(url).status_code == 200, url
    times = []
    stop = time.perf_counter() + budget
    for _ in range(requests):
        if budget and len(times) >= 5 and time.perf_counter() > stop:
            break
        prepare(mode, writer)
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return times


def measure_sql(requests: int) -> list[float]:
    """The raw SQL baseline: the newest 20 articles' ids and titles, fetched."""
    from django.db import connection

    times = []
    with connection.cursor() as cursor:
        for n in range(requests + 5):
            started = time.perf_counter()
            cursor.execute(RAW_SQL)
            cursor.fetchall()
            if n >= 5:
                times.append((time.perf_counter() - started) * 1000)
    return times


def queries(client, url: str, mode: str, writer: Writer) -> int:
    """How many queries the request runs this way (once, outside the timing)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    prepare(mode, writer)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def summary(times: list[float]) -> tuple[float, float]:
    """Median and 95th percentile."""
    times = sorted(times)
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)]


class Run:
    """One database's pages: their clients, cases and figures."""

    def __init__(self, label: str, name: str, pages: list[str] | None = None):
        from django.contrib.auth.models import User
        from django.db import connection
        from django.test import Client

        from articles.models import Article, Quote, Speaker

        use_database(name)
        self.label, self.name = label, name
        self.cases = [
            (page, url) for page, url in cases() if not pages or any(p in page for p in pages)
        ]
        self.writer = Writer(bystander())
        user, _ = User.objects.get_or_create(username="bench")
        self.client = Client()
        self.client.force_login(user)
        self.times: dict[tuple[str, str], list[float]] = {}
        self.requests = 0  # over all rounds, per page and way, unless cut short
        self.queries: dict[tuple[str, str], int] = {}
        print(
            f"{label} ({name}): {Article.objects.count():,} articles, "
            f"{Quote.objects.count():,} quotations, {Speaker.objects.count()} speakers; "
            f"PostgreSQL {connection.cursor().connection.info.server_version}",
            flush=True,
        )

    def round(self, requests: int, budget: float) -> None:
        use_database(self.name)
        self.requests += requests
        self.reference("trivial Django view", "/trivial/", requests)
        self.reference("trivial page in the site's layout", "/trivial-page/", requests)
        self.times.setdefault(("raw SQL", ""), []).extend(measure_sql(requests))
        for name, url in self.cases:
            for mode in MODES:
                run = self.times.setdefault((name, mode), [])
                times = measure(self.client, url, requests, mode, self.writer, budget)
                run += times
                if (name, mode) not in self.queries:
                    self.queries[name, mode] = queries(self.client, url, mode, self.writer)
                median, p95 = summary(times)
                print(
                    f"  {name}, {mode}: median {median:.1f} ms, p95 {p95:.1f} ms"
                    f" ({len(times)} requests)",
                    flush=True,
                )
        self.reference("trivial Django view", "/trivial/", requests)
        self.times.setdefault(("raw SQL", ""), []).extend(measure_sql(requests))

    def reference(self, name: str, url: str, requests: int) -> None:
        run = self.times.setdefault((name, ""), [])
        run += measure(self.client, url, requests, "cached", self.writer)

    def median(self, name: str, mode: str = "") -> float:
        return summary(self.times[name, mode])[0]

    def report(self) -> None:
        trivial, sql = self.median("trivial Django view"), self.median("raw SQL")
        print()
        print(f"{self.label}: medians and 95th percentiles over all rounds; ÷: the median over")
        print(f"the trivial view's ({trivial:.2f} ms) and raw SQL's ({sql:.2f} ms)")
        print()
        for name in ("trivial Django view", "trivial page in the site's layout", "raw SQL"):
            median, p95 = summary(self.times[name, ""])
            print(
                f"- {name}: median {median:.2f} ms, p95 {p95:.2f} ms, {median / trivial:.1f}× "
                f"the trivial view, {median / sql:.1f}× raw SQL"
            )
        print()
        head = " | ".join(f"{mode}: median | p95 | ÷ view | ÷ SQL" for mode in MODES)
        print(f"| page | {head} | queries |")
        print("| --- |" + " ---: |" * (4 * len(MODES) + 1))
        for name, _url in self.cases:
            cells = []
            for mode in MODES:
                median, p95 = summary(self.times[name, mode])
                cells += [
                    f"{median:.1f} ms",
                    f"{p95:.1f} ms",
                    f"{median / trivial:.1f}×",
                    f"{median / sql:.0f}×",
                ]
            counts = "/".join(str(self.queries[name, mode]) for mode in MODES)
            print(f"| {name} | " + " | ".join(cells) + f" | {counts} |")
        print()
        print("queries: cached/cold/after update()/after save(), one request each")
        short = [
            f"{name}, {mode}: {len(self.times[name, mode])}"
            for name, _url in self.cases
            for mode in MODES
            if len(self.times[name, mode]) < self.requests
        ]
        if short:
            print("requests cut short by --budget: " + "; ".join(short))

    def targets(self) -> None:
        """The issue's targets, met or not, as measured here."""
        trivial = self.median("trivial Django view")
        print()
        print(f"{self.label}, against the targets:")
        for mode, limit in (("cold", 4), ("cached", 2)):
            over = [
                f"{name} {self.median(name, mode) / trivial:.1f}×"
                for name, _url in self.cases
                if self.median(name, mode) > limit * trivial
            ]
            verdict = "met" if not over else "not met: " + "; ".join(over)
            print(f"- {mode} ≤ {limit}× the trivial view: {verdict}")
        for mode in MODES[2:]:
            rendered = [
                name
                for name, _url in self.cases
                if self.queries[name, mode] > self.queries[name, "cached"]
            ]
            verdict = "all" if not rendered else "more: " + "; ".join(rendered)
            # A list served whole after a write still runs its own queries (articles.shared
            # .get_list): more than cached, fewer than cold; explain_pages.py --profile tells.
            print(f"- {mode}, pages with no more queries than cached: {verdict}")
        slow = [
            f"{name} {summary(self.times[name, 'cold'])[1]:.1f} ms"
            for name, _url in self.cases
            if name.startswith("search") and summary(self.times[name, "cold"])[1] > 40
        ]
        print(f"- search p95 cold ≤ 40 ms: {'met' if not slow else 'not met: ' + '; '.join(slow)}")
        for name, _url in self.cases:
            if name.startswith(("speaker page", "source page")):
                median, p95 = summary(self.times[name, "cold"])
                print(f"- {name}, cold: median {median:.1f} ms, p95 {p95:.1f} ms (≤ 20 ms at 1M)")


def flatness(base: Run, large: Run) -> None:
    """The same pages on both databases, side by side."""
    print()
    print(f"From {base.label} to {large.label} (medians; p95 cold):")
    print()
    print("| page | cold | cold at large | × | p95 cold | p95 cold at large | cached | at large |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (name, _url), (large_name, _) in zip(base.cases, large.cases, strict=True):
        cold, cold_large = base.median(name, "cold"), large.median(large_name, "cold")
        p95, p95_large = (
            summary(run.times[n, "cold"])[1] for run, n in ((base, name), (large, large_name))
        )
        print(
            f"| {large_name} | {cold:.1f} ms | {cold_large:.1f} ms | {cold_large / cold:.2f} "
            f"| {p95:.1f} ms | {p95_large:.1f} ms | {base.median(name, 'cached'):.1f} ms "
            f"| {large.median(large_name, 'cached'):.1f} ms |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="measure every page this many times in turn, so that a passing load on the "
        "machine falls on all pages alike; the figures are over all rounds' requests",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep databases filled before (fill missing ones)"
    )
    parser.add_argument(
        "--quotations",
        type=int,
        default=0,
        help="measure a copy of the database with quotations added until there are this many "
        "(e.g. 1000000) too",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=30,
        help="seconds for one page one way in one round, then fewer requests (at least 5): "
        "a page that takes seconds does not hold up the run; 0: no limit",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="run articles.derived.rebuild() on reused ones"
    )
    parser.add_argument(
        "--page",
        action="append",
        help="measure only the pages whose name contains this (repeat for more); the trivial "
        "view and the layout always",
    )
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "reading-benchmark-only-" + "x" * 40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "reading_settings"
    base = database_name(BENCH_URL)
    large = f"{base}_1m"
    reuse = args.reuse and exists(base)
    if not reuse:
        import import_bench

        import_bench.BENCH_URL = BENCH_URL  # its prepare_database drops and creates this one
        import_bench.prepare_database()

    import django

    django.setup()
    from articles.models import Article

    migrated = migrate()  # --reuse: a database filled by older code too
    if not reuse or not Article.objects.exists():
        print(f"generating {args.articles} articles …", flush=True)
        started = time.perf_counter()
        fill(args.articles)
        bystander()
        rebuild_derived()
        vacuum()
        print(f"filled in {time.perf_counter() - started:.0f} s")
    elif migrated or args.rebuild:
        rebuild_derived()
    bystander()
    if args.quotations:
        prepare_large(base, large, args.quotations, reuse=args.reuse, rebuild=args.rebuild)

    runs = [Run(f"{args.articles // 1000}k articles", base, args.page)]
    if args.quotations:
        runs.append(Run(f"the same with {args.quotations:,} quotations", large, args.page))
    for round_ in range(args.rounds):
        for run in runs:
            print(f"round {round_ + 1} of {args.rounds}, {run.label}", flush=True)
            run.round(args.requests, args.budget)
    for run in runs:
        run.report()
    for run in runs:
        run.targets()
    if len(runs) == 2:
        flatness(*runs)


if __name__ == "__main__":
    main()
