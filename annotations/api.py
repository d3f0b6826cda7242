"""The annotation API, after the W3C Web Annotation Protocol as far as it fits.

    GET    /api/annotations/?article=<slug>&tag=<tag>&user=<name>&q=<text>&page=<n>
    POST   /api/annotations/                   201 + Location
    GET    /api/annotations/<id>/              ETag
    PUT    /api/annotations/<id>/              If-Match (412 when stale)
    DELETE /api/annotations/<id>/              If-Match (412 when stale), 204
    GET    /api/tags/?prefix=<text>            {"tags": [names]}: suggestions for a tag field

The browser authenticates with its session (and must send the CSRF token as ``X-CSRFToken``
on every write); scripts with ``Authorization: Bearer <personal API token>`` (no CSRF: the
token is not sent by the browser on its own). An annotation the caller may not see answers
404, exactly like one that never existed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError, transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.vary import vary_on_headers

from annotations import services, w3c
from annotations.models import Annotation
from annotations.selectors import annotation_get_for_user, annotations_search, tag_suggestions
from articles.models import Article

API_PREFIX = "/api/"
RETRY_AFTER = 5  # seconds: what a 503 asks a client to wait before it tries again
PAGE_SIZE = 100
SUGGESTIONS = 30
PREFIX_MAX_LENGTH = 100  # longer than any tag name: a longer prefix is cut, not refused
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
JSON_TYPES = {"application/ld+json", "application/json"}
CONTAINER_LINK = (
    '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", '
    '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"'
)
RESOURCE_LINK = '<http://www.w3.org/ns/ldp#Resource>; rel="type"'


# --- plumbing -------------------------------------------------------------------------------


def error(status: int, reason: str, code: str = "invalid", **headers) -> JsonResponse:
    """``code`` is for programs and never changes; ``reason`` is for a person, in the request's
    language (LocaleMiddleware picks it from the cookie or Accept-Language)."""
    response = JsonResponse({"error": code, "reason": str(reason)}, status=status)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def server_error(request) -> HttpResponse:
    """The project's ``handler500``: under /api/ an error the views did not answer keeps the
    API's shape. 503 ``unavailable`` when the database cannot be reached or stays busy (a
    client may try again), 500 ``server_error`` otherwise; other pages get Django's page.

    Django calls it while it handles the exception, so ``sys.exc_info()`` names it (under ASGI
    too: asgiref raises it again in the worker thread); Django logs the exception and sends
    ``got_request_exception`` itself. With DEBUG on it shows its debug page instead."""
    if not request.path_info.startswith(API_PREFIX):
        return defaults.server_error(request)
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return error(
            503,
            _("The database cannot be reached or is busy. Try again in a moment."),
            "unavailable",
            Retry_After=str(RETRY_AFTER),
        )
    return error(
        500,
        _(
            "Something went wrong on the server. Try again later; if it keeps happening, "
            "tell the administrators."
        ),
        "server_error",
    )


def jsonld(data: dict, status: int = 200, **headers) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), status=status, content_type=w3c.MEDIA_TYPE
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _bearer_key(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.partition(" ")
    return key.strip() if scheme.lower() == "bearer" else None


def _csrf_failure(request) -> HttpResponse | None:
    check = CsrfViewMiddleware(lambda request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {})


def api_view(*methods: str):
    """Authenticate (token or session), enforce CSRF for session writes, check the method."""
    allowed = sorted({*methods, "OPTIONS"} | ({"HEAD"} if "GET" in methods else set()))

    def decorate(view):
        @login_not_required  # anonymous callers get a 401 here, not a login page
        @csrf_exempt
        @vary_on_headers("Authorization", "Cookie")
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            key = _bearer_key(request)
            if key is not None:
                try:
                    user = services.token_authenticate(key=key)
                except services.TokenExpired as expired:
                    return error(
                        401,
                        str(expired),
                        "unauthenticated",
                        WWW_Authenticate='Bearer error="invalid_token", '
                        'error_description="The token expired"',
                    )
                if user is None:
                    return error(
                        401,
                        _("The API token is unknown or was revoked."),
                        "unauthenticated",
                        WWW_Authenticate='Bearer error="invalid_token"',
                    )
                request.user = user
            elif not request.user.is_authenticated:
                return error(
                    401,
                    _("Log in, or send a personal API token as “Authorization: Bearer <token>”."),
                    "unauthenticated",
                    WWW_Authenticate='Bearer realm="newsreader"',
                )
            elif request.method not in SAFE_METHODS:
                failure = _csrf_failure(request)
                if failure is not None:
                    return error(
                        403,
                        _(
                            "Your page is out of date (its CSRF token is missing or wrong). "
                            "Reload it and try again."
                        ),
                        "csrf_failed",
                    )
            if request.method not in allowed:
                return error(
                    405, _("%(method)s is not allowed here.") % {"method": request.method},
                    "method_not_allowed",
                    Allow=", ".join(allowed),
                )  # fmt: skip
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Allow"] = ", ".join(allowed)
                return response
            try:
                return view(request, *args, **kwargs)
            except Http404:
                return error(404, _("This annotation does not exist."), "not_found")

        return wrapper

    return decorate


def _read_json(request):
    content_type = request.content_type or ""
    if content_type not in JSON_TYPES:
        raise services.AnnotationError(
            _("Send the annotation as %(type)s (or application/json), not “%(given)s”.")
            % {"type": w3c.MEDIA_TYPE, "given": content_type}
        )
    try:
        return json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise services.AnnotationError(
            _("The request body is not valid JSON: %(error)s") % {"error": exc}
        ) from None


def etag(annotation: Annotation) -> str:
    """The annotation's version: its last change to the millisecond, with what it says and
    where. Milliseconds, because a ``dumpdata``/``loaddata`` round trip (a backup restored)
    keeps no more, and a restored annotation must keep its ETag; the fields, so that two
    changes within one millisecond still differ (all but the tags: a change of tags alone in
    the same millisecond as the one before would keep the ETag)."""
    modified = annotation.modified.replace(
        microsecond=annotation.modified.microsecond // 1000 * 1000
    )
    token = "|".join(
        str(value)
        for value in (
            annotation.pk,
            modified.isoformat(),
            annotation.deleted,
            annotation.hidden_by_staff,
            annotation.orphaned,
            annotation.visibility,
            annotation.colour,
            annotation.start,
            annotation.end,
            annotation.comment,
        )
    )
    return '"' + hashlib.sha256(token.encode()).hexdigest()[:32] + '"'


def _if_match_fails(request, annotation: Annotation) -> bool:
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":
        return False
    wanted = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag(annotation) not in wanted


def _build_uri(request):
    return request.build_absolute_uri


def _annotation_response(request, annotation: Annotation, status: int = 200, **headers):
    data = w3c.annotation_to_jsonld(annotation, _build_uri(request))
    return jsonld(
        data,
        status,
        ETag=etag(annotation),
        Link=RESOURCE_LINK,
        Allow="GET, HEAD, PUT, DELETE, OPTIONS",
        **headers,
    )


# --- views ----------------------------------------------------------------------------------


@api_view("GET", "POST")
def annotation_collection(request):
    if request.method == "POST":
        return _create(request)
    filters = {
        "article": request.GET.get("article", ""),
        "tag": request.GET.get("tag", ""),
        "user": request.GET.get("user", ""),
        "q": request.GET.get("q", ""),
        "thread": request.GET.get("thread", ""),
    }
    if filters["thread"] and not filters["thread"].isdigit():
        return error(400, _("“thread” must be the id of an annotation."))
    try:
        page = int(request.GET.get("page", "0") or 0)
    except ValueError:
        page = -1
    if page < 0:
        return error(400, _("“page” must be a whole number from 0."))
    queryset = annotations_search(
        request.user,
        article=filters["article"] or None,
        tag=filters["tag"] or None,
        author=filters["user"] or None,
        q=filters["q"] or None,
        thread=int(filters["thread"]) if filters["thread"] else None,
    ).for_display()
    total = queryset.count()
    pages = max(1, -(-total // PAGE_SIZE))
    if page >= pages and total:
        raise Http404("no such page")
    items = list(queryset[page * PAGE_SIZE : (page + 1) * PAGE_SIZE])
    path = reverse("annotations:api-collection")
    label = "Annotations" + "".join(f", {k}={v}" for k, v in filters.items() if v)
    options = {"path": path, "filters": filters, "total": total, "page_size": PAGE_SIZE}
    build_uri = _build_uri(request)
    if "page" in request.GET:
        data = w3c.page_to_jsonld(items, build_uri, page=page, pages=pages, label=label, **options)
    else:
        data = w3c.collection_to_jsonld(items, build_uri, label=label, **options)
    return jsonld(data, Link=CONTAINER_LINK, Allow="GET, HEAD, POST, OPTIONS")


def _create(request):
    try:
        incoming = w3c.parse(_read_json(request), host=request.get_host())
        if incoming.parent_id is not None:
            try:
                parent = annotation_get_for_user(request.user, incoming.parent_id)
            except Http404:
                raise services.UnknownTarget(services.NO_PARENT) from None
            annotation = services.reply_create(
                user=request.user, parent=parent, comment=incoming.comment, tags=incoming.tags
            )
        else:
            article = Article.objects.filter(slug=incoming.article_slug).first()
            if article is None:
                raise services.UnknownArticle(
                    _("There is no article “%(slug)s”.") % {"slug": incoming.article_slug}
                )
            annotation = services.annotation_create(
                user=request.user,
                article=article,
                comment=incoming.comment,
                tags=incoming.tags,
                visibility=incoming.visibility or Annotation.Visibility.PRIVATE,
                colour=incoming.colour or Annotation.Colour.YELLOW,
                **incoming.selector,
            )
    except services.AnnotationError as exc:
        return error(400, str(exc), exc.code)
    annotation = Annotation.objects.for_display().get(pk=annotation.pk)
    location = w3c.annotation_uri(_build_uri(request), annotation.pk)
    return _annotation_response(request, annotation, 201, Location=location)


@api_view("GET", "PUT", "DELETE")
def annotation_detail(request, pk: int):
    if request.method in SAFE_METHODS:
        annotation = annotation_get_for_user(request.user, pk)
        if annotation.deleted:
            return error(410, services.DELETED, "gone")
        return _annotation_response(request, annotation)
    with transaction.atomic():
        annotation = annotation_get_for_user(request.user, pk, for_update=True)
        if annotation.deleted:
            return error(410, services.DELETED, "gone")
        if annotation.user_id != request.user.pk:
            return error(
                403, _("Only the author can change or delete this annotation."), "not_allowed"
            )
        if _if_match_fails(request, annotation):
            return error(
                412,
                _(
                    "Someone changed this annotation after you opened it. "
                    "Reload to see the new version."
                ),
                "precondition_failed",
                ETag=etag(annotation),
            )
        if request.method == "DELETE":
            services.annotation_delete(annotation=annotation, user=request.user)
            return HttpResponse(status=204)
        try:
            _replace(request, annotation)
        except services.AnnotationError as exc:
            transaction.set_rollback(True)
            status = 403 if isinstance(exc, services.NotAllowed) else 400
            return error(status, str(exc), exc.code)
    annotation = Annotation.objects.for_display().get(pk=annotation.pk)
    return _annotation_response(request, annotation)


def _replace(request, annotation: Annotation) -> None:
    """PUT: the annotation becomes what the client sent (same target)."""
    incoming = w3c.parse(_read_json(request), host=request.get_host())
    if annotation.parent_id:
        if incoming.parent_id != annotation.parent_id:
            raise services.AnnotationError(_("A reply's target cannot change."))
        services.annotation_update(
            annotation=annotation, user=request.user, comment=incoming.comment, tags=incoming.tags
        )
        return
    if incoming.article_slug != annotation.article.slug:
        raise services.AnnotationError(
            _("An annotation's article (its target.source) cannot change.")
        )
    selector = incoming.selector
    if annotation.orphaned and "start" not in selector:
        selector = {}  # an orphan's quote alone does not place it again
    services.annotation_update(
        annotation=annotation,
        user=request.user,
        comment=incoming.comment,
        tags=incoming.tags,
        visibility=incoming.visibility or annotation.visibility,
        colour=incoming.colour or annotation.colour,
        **selector,
    )


@api_view("GET")
def tag_collection(request):
    """The tags in use that start with ``prefix`` (whatever the case), by name: what the
    article page's tag fields suggest while one types."""
    prefix = request.GET.get("prefix", "")[:PREFIX_MAX_LENGTH].strip()
    return JsonResponse({"tags": tag_suggestions(request.user, prefix, SUGGESTIONS)})
