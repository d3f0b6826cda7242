import pytest

from annotations.models import Annotation
from annotations.services import annotation_create
from articles.models import Article, Quote
from tests.conftest import SEED, import_seeds

MOVED = "Die deutschen Waffen- und Munitionsvorräte sind seit Ende August stark dezimiert."
LOST = "Moskau sieht das anders."


def edited_copy(tmp_path):
    """The seed with a new first sentence, a paragraph dropped and a word changed."""
    text = SEED.read_text("utf-8")
    text = text.replace(" date 2022-10 ", " date 2022-10 Brüssel, im Oktober. ", 1)
    text = text.replace(LOST + " ", "")
    text = text.replace("stark dezimiert", "stark dezimiert worden")
    path = tmp_path / SEED.name
    path.write_text(text, encoding="utf-8")
    return path


def annotate(user, article, passage, **options):
    start = article.body.index(passage)
    return annotation_create(
        user=user, article=article, start=start, end=start + len(passage), **options
    )


@pytest.mark.django_db
def test_an_edited_file_is_refused_without_replace(tmp_path, seed_article):
    code, _, err = import_seeds(edited_copy(tmp_path))
    assert code == 1 and "use --replace" in err
    assert Article.objects.get().body == seed_article.body


@pytest.mark.django_db
def test_replace_keeps_every_annotation_placed_again_or_orphaned(tmp_path, seed_article, alice):
    Article.objects.filter(pk=seed_article.pk).update(title="Mein Titel", title_edited=True)
    moved = annotate(alice, seed_article, MOVED[:60], comment="Quelle?", tags="munition")
    orphan = annotate(alice, seed_article, LOST, visibility="shared")
    quote = seed_article.quotes.filter(kind="direct", speaker__name="Lloyd Austin").first()
    Quote.objects.filter(pk=quote.pk).update(review=Quote.Review.CONFIRMED)
    quote_text = seed_article.body[quote.start : quote.end]

    code, out, _ = import_seeds(edited_copy(tmp_path), "--replace")

    assert code == 0, out
    assert "1 file: 0 imported, 1 replaced, 0 unchanged, 0 failed" in out
    article = Article.objects.get()
    assert article.slug == seed_article.slug and article.title == "Mein Titel"
    assert article.body.startswith("Brüssel, im Oktober. Unmittelbar")
    assert LOST not in article.body

    moved.refresh_from_db()
    assert not moved.orphaned
    assert article.body[moved.start : moved.end] == MOVED[:60]
    orphan.refresh_from_db()
    assert orphan.orphaned and orphan.exact == LOST
    assert Annotation.objects.count() == 2

    quote.refresh_from_db()
    assert quote.review == Quote.Review.CONFIRMED
    assert article.body[quote.start : quote.end] == quote_text
    assert article.quotes.filter(start=quote.start, end=quote.end).count() == 1
    assert article.quotes.filter(kind="direct", speaker__name="Jens Stoltenberg").exists()


@pytest.mark.django_db
def test_replace_dry_run_writes_nothing(tmp_path, seed_article):
    code, out, _ = import_seeds(edited_copy(tmp_path), "--replace", "--dry-run")
    assert code == 0 and "1 would be replaced" in out
    assert Article.objects.get().body == seed_article.body
