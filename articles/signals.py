"""Keep ``articles.derived`` in step with saves and deletions, whoever makes them (the admin,
the services, a shell): a new article is counted in its source, a deletion takes away what
the row added to the counts, an article saved with another date or source moves them. Writes
that send no signal (``QuerySet.update()``, ``bulk_create()``) call ``articles.derived``
themselves. (A rename renews the pages that show the name by database triggers, migration
0011, for every writer.)"""

from django.db.models.signals import post_delete, post_save, pre_delete

from articles import derived
from articles.models import Article, Quote, Speaker

_ARTICLES = "_derived_article_ids"


def article_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        derived.article_created(instance)
    else:
        derived.article_saved(instance)


def article_deleting(sender, instance, **kwargs):
    derived.article_deleted(instance)


def speaker_deleting(sender, instance, **kwargs):
    ids = Quote.objects.filter(speaker=instance).values_list("article_id", flat=True)
    setattr(instance, _ARTICLES, set(ids))


def speaker_deleted(sender, instance, **kwargs):
    derived.articles_changed(getattr(instance, _ARTICLES, ()))


def quote_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        derived.articles_changed([instance.article_id])


def connect() -> None:
    post_save.connect(article_saved, sender=Article, dispatch_uid="derived_article_saved")
    pre_delete.connect(article_deleting, sender=Article, dispatch_uid="derived_article_deleting")
    pre_delete.connect(speaker_deleting, sender=Speaker, dispatch_uid="derived_speaker_deleting")
    post_delete.connect(speaker_deleted, sender=Speaker, dispatch_uid="derived_speaker_deleted")
    post_save.connect(quote_saved, sender=Quote, dispatch_uid="derived_quote_saved")
