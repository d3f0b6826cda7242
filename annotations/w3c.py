"""Annotations as W3C Web Annotation JSON-LD, and W3C annotations read back into service input.

https://www.w3.org/TR/annotation-model/ — an annotation's ``target`` is the article page with a
``TextPositionSelector`` and a ``TextQuoteSelector`` (a reply's target is the annotation it
answers); its ``body`` holds ``TextualBody`` items with ``purpose`` ``commenting`` (Markdown)
or ``tagging``. Newsreader's own properties (visibility, colour, …) are defined in an extra
``@context`` entry, so that a JSON-LD processor keeps them and a plain client may ignore them.
``edited`` is when the author last changed the annotation (``modified`` moves for any change,
staff hiding it too); it is only sent, never read: a client cannot set it.

Everything here is given a ``build_uri`` callable (``request.build_absolute_uri``): ids and
sources are absolute URLs of the site that serves them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from annotations.models import Annotation
from annotations.services import AnnotationError, UnknownArticle, UnknownTarget

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MEDIA_TYPE = f'application/ld+json; profile="{ANNO_CONTEXT}"'
EXTENSION_CONTEXT = {
    "nr": "urn:newsreader:",
    "visibility": "nr:visibility",
    "colour": "nr:colour",
    "orphaned": "nr:orphaned",
    "hidden": "nr:hiddenByStaff",
    "deleted": "nr:deleted",
    "edited": {"@id": "nr:edited", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"},
    "commentHtml": "nr:commentHtml",
}
CONTEXT = [ANNO_CONTEXT, EXTENSION_CONTEXT]

BuildUri = Callable[[str], str]


def annotation_uri(build_uri: BuildUri, pk: int) -> str:
    return build_uri(reverse("annotations:api-detail", kwargs={"pk": pk}))


def _timestamp(value) -> str:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


# --- serialisation --------------------------------------------------------------------------


def annotation_to_jsonld(
    annotation: Annotation, build_uri: BuildUri, *, embedded: bool = False
) -> dict:
    """One annotation; ``embedded`` leaves out the ``@context`` (inside a page)."""
    data: dict = {} if embedded else {"@context": CONTEXT}
    data.update(
        {
            "id": annotation_uri(build_uri, annotation.pk),
            "type": "Annotation",
            "motivation": _motivation(annotation),
            "created": _timestamp(annotation.created),
            "modified": _timestamp(annotation.modified),
            "creator": {"type": "Person", "nickname": annotation.user.get_username()},
        }
    )
    bodies = []
    if annotation.comment:
        bodies.append(
            {
                "type": "TextualBody",
                "value": annotation.comment,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    bodies.extend(
        {"type": "TextualBody", "value": tag.name, "purpose": "tagging"}
        for tag in annotation.tags.all()
    )
    if bodies:
        data["body"] = bodies
    if annotation.parent_id:
        data["target"] = annotation_uri(build_uri, annotation.parent_id)
    else:
        selectors = [
            {
                "type": "TextQuoteSelector",
                "exact": annotation.exact,
                "prefix": annotation.prefix,
                "suffix": annotation.suffix,
            }
        ]
        if not annotation.orphaned:
            selectors.insert(
                0,
                {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
            )
        data["target"] = {
            "type": "SpecificResource",
            "source": build_uri(annotation.article.get_absolute_url()),
            "selector": selectors,
        }
    data["visibility"] = annotation.visibility
    data["colour"] = annotation.colour
    if annotation.comment_html:
        data["commentHtml"] = annotation.comment_html
    if annotation.orphaned:
        data["orphaned"] = True
    if annotation.hidden_by_staff:
        data["hidden"] = True
    if annotation.deleted:
        data["deleted"] = True
    if annotation.edited and not annotation.deleted:  # a deleted one says nothing more
        data["edited"] = _timestamp(annotation.edited)
    return data


def _motivation(annotation: Annotation) -> str:
    if annotation.parent_id:
        return "replying"
    return "commenting" if annotation.comment else "highlighting"


def collection_uri(build_uri: BuildUri, path: str, filters: dict, page: int | None = None) -> str:
    query = {k: v for k, v in filters.items() if v not in (None, "")}
    if page is not None:
        query["page"] = page
    return build_uri(path + ("?" + urlencode(query) if query else ""))


def page_to_jsonld(
    annotations: Iterable[Annotation],
    build_uri: BuildUri,
    *,
    path: str,
    filters: dict,
    page: int,
    pages: int,
    total: int,
    page_size: int,
    label: str,
    embedded: bool = False,
) -> dict:
    """One AnnotationPage; on its own it names its collection in ``partOf``."""
    data: dict = {} if embedded else {"@context": CONTEXT}
    data.update(
        {
            "id": collection_uri(build_uri, path, filters, page),
            "type": "AnnotationPage",
            "startIndex": page * page_size,
            "items": [annotation_to_jsonld(a, build_uri, embedded=True) for a in annotations],
        }
    )
    if not embedded:
        data["partOf"] = {
            "id": collection_uri(build_uri, path, filters),
            "type": "AnnotationCollection",
            "label": label,
            "total": total,
        }
    if page + 1 < pages:
        data["next"] = collection_uri(build_uri, path, filters, page + 1)
    if page > 0:
        data["prev"] = collection_uri(build_uri, path, filters, page - 1)
    return data


def collection_to_jsonld(
    first_page: Iterable[Annotation],
    build_uri: BuildUri,
    *,
    path: str,
    filters: dict,
    total: int,
    page_size: int,
    label: str,
) -> dict:
    """An AnnotationCollection with its first page embedded."""
    pages = max(1, -(-total // page_size))
    data = {
        "@context": CONTEXT,
        "id": collection_uri(build_uri, path, filters),
        "type": "AnnotationCollection",
        "label": label,
        "total": total,
    }
    # The first page is embedded even when empty, so that every collection has one.
    data["first"] = page_to_jsonld(
        first_page,
        build_uri,
        path=path,
        filters=filters,
        page=0,
        pages=pages,
        total=total,
        page_size=page_size,
        label=label,
        embedded=True,
    )
    data["last"] = collection_uri(build_uri, path, filters, pages - 1)
    return data


# --- parsing --------------------------------------------------------------------------------


@dataclass
class Incoming:
    """A W3C annotation from a client, checked for shape and turned into service arguments."""

    article_slug: str | None = None
    parent_id: int | None = None
    selector: dict = field(default_factory=dict)  # start, end, exact, prefix, suffix
    comment: str = ""
    tags: list[str] = field(default_factory=list)
    visibility: str | None = None
    colour: str | None = None


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(value) -> set:
    return {t for t in _as_list(value) if isinstance(t, str)}


def _local_path(uri: str, host: str | None, what: str) -> str:
    if not isinstance(uri, str) or not uri:
        raise AnnotationError(_("%(field)s must be a URL") % {"field": what})
    parts = urlsplit(uri)
    if parts.netloc and host and parts.netloc != host:
        raise (UnknownArticle if what == "target.source" else UnknownTarget)(
            _("%(field)s “%(uri)s” is not on this site (%(host)s)")
            % {"field": what, "uri": uri, "host": host}
        )
    return parts.path


def parse(data, *, host: str | None = None) -> Incoming:
    """Read a W3C annotation (a dict from JSON) or raise AnnotationError saying what is wrong,
    in the active language (call it inside the request)."""
    if not isinstance(data, dict):
        raise AnnotationError(_("the request body must be a JSON object (a W3C Annotation)"))
    if "Annotation" not in _types(data.get("type")):
        raise AnnotationError(_('"type" must be "Annotation"'))
    incoming = Incoming()
    _parse_target(data.get("target"), incoming, host)
    _parse_bodies(data, incoming)
    for key in ("visibility", "colour"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise AnnotationError(_('"%(key)s" must be a text') % {"key": key})
        setattr(incoming, key, value)
    return incoming


def _parse_target(target, incoming: Incoming, host: str | None) -> None:
    targets = _as_list(target)
    if len(targets) != 1:
        raise AnnotationError(_('"target" must name exactly one article passage or annotation'))
    target = targets[0]
    if isinstance(target, str):
        incoming.parent_id = _annotation_id(target, host)
        return
    if not isinstance(target, dict):
        raise AnnotationError(_('"target" must be an object or a URL'))
    source = target.get("source")
    if source is None:
        if "id" in target and not target.get("selector"):
            incoming.parent_id = _annotation_id(target["id"], host)
            return
        raise AnnotationError(_('"target.source" is missing: the URL of the article'))
    path = _local_path(source, host, "target.source")
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match is not None and match.view_name == "annotations:api-detail":
        incoming.parent_id = int(match.kwargs["pk"])
        return
    if match is None or match.view_name != "articles:detail":
        raise UnknownArticle(
            _("target.source “%(source)s” is not the URL of an article") % {"source": source}
        )
    incoming.article_slug = match.kwargs["slug"]
    selectors = _as_list(target.get("selector"))
    if not selectors:
        raise AnnotationError(
            _(
                '"target.selector" is missing: give a TextPositionSelector and/or a '
                "TextQuoteSelector"
            )
        )
    for selector in selectors:
        if not isinstance(selector, dict):
            raise AnnotationError(_("each selector must be an object"))
        kind = selector.get("type")
        if kind == "TextPositionSelector":
            start, end = selector.get("start"), selector.get("end")
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
                raise AnnotationError(_("TextPositionSelector needs whole-number start and end"))
            incoming.selector.update(start=start, end=end)
        elif kind == "TextQuoteSelector":
            exact = selector.get("exact")
            if not isinstance(exact, str) or not exact:
                raise AnnotationError(_('TextQuoteSelector needs a non-empty "exact"'))
            prefix, suffix = selector.get("prefix", ""), selector.get("suffix", "")
            if not isinstance(prefix, str) or not isinstance(suffix, str):
                raise AnnotationError(_("TextQuoteSelector prefix and suffix must be texts"))
            incoming.selector.update(exact=exact, prefix=prefix, suffix=suffix)
        else:
            raise AnnotationError(
                _(
                    "selector type “%(type)s” is not supported; use TextPositionSelector and "
                    "TextQuoteSelector"
                )
                % {"type": kind}
            )


def _annotation_id(uri, host: str | None) -> int:
    path = _local_path(uri, host, "target")
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    if match is None or match.view_name != "annotations:api-detail":
        raise UnknownTarget(
            _("target “%(uri)s” is neither an article nor an annotation of this site")
            % {"uri": uri}
        )
    return int(match.kwargs["pk"])


def _parse_bodies(data: dict, incoming: Incoming) -> None:
    if "body" in data and "bodyValue" in data:
        raise AnnotationError(_('give "body" or "bodyValue", not both'))
    if "bodyValue" in data:
        if not isinstance(data["bodyValue"], str):
            raise AnnotationError(_('"bodyValue" must be a text'))
        incoming.comment = data["bodyValue"]
        return
    comments = []
    for body in _as_list(data.get("body")):
        if not isinstance(body, dict):
            raise AnnotationError(_("each body must be a TextualBody object"))
        if body.get("type", "TextualBody") != "TextualBody":
            raise AnnotationError(
                _("body type “%(type)s” is not supported; use TextualBody")
                % {"type": body.get("type")}
            )
        value = body.get("value")
        if not isinstance(value, str):
            raise AnnotationError(_('each TextualBody needs a text "value"'))
        purposes = _types(body.get("purpose")) or {"commenting"}
        if "tagging" in purposes:
            incoming.tags.append(value)
        elif purposes & {"commenting", "replying", "describing", "questioning"}:
            comments.append(value)
        else:
            raise AnnotationError(
                _("body purpose “%(purpose)s” is not supported; use commenting or tagging")
                % {"purpose": ", ".join(sorted(purposes))}
            )
    if len(comments) > 1:
        raise AnnotationError(_("at most one commenting body"))
    incoming.comment = comments[0] if comments else ""
