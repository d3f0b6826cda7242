"""What the reading pages read instead of counting: kept in step by every writer.

Being written (issue "Fast without a warm cache"): per-article speaker counts, per-source
speaker counts, a speaker's and a source's totals, the quotation flags the speaker page's index
needs, and the revisions that key the page caches.
"""

from __future__ import annotations

from collections.abc import Iterable


def articles_changed(article_ids: Iterable[int]) -> None:
    """Call in the transaction that wrote these articles or their quotations, after the writes."""
