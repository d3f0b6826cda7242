"""Request checks that hold for every page and endpoint."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import TooManyFilesSent
from django.http import HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class RejectNulMiddleware:
    """A query with a NUL character (``%00``) gets a 400 with a reason: no field may hold one,
    and PostgreSQL refuses one in a query, which would otherwise be a server error wherever a
    parameter reaches the database unchecked. The API answers in its own error shape."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            reason = _("The address holds a NUL character, which no page accepts.")
            if request.path.startswith("/api/"):
                return JsonResponse({"error": "invalid", "reason": reason}, status=400)
            return HttpResponseBadRequest(reason, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class UploadLimitMiddleware:
    """A form sent with more files than ``DATA_UPLOAD_MAX_NUMBER_FILES`` is refused with a
    reason, on the page it came from, instead of a bare "Bad Request (400)". Django refuses it
    while reading the form, which the CSRF check does before any view: list this middleware
    before ``CsrfViewMiddleware``. It reads nothing but such forms (multipart), which the CSRF
    check would read next anyway."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method != "POST" or request.content_type != "multipart/form-data":
            return None
        try:
            request.FILES  # noqa: B018 - reading the form is the check
        except TooManyFilesSent:
            limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
            reason = ngettext(
                "More than %(count)d file was chosen; choose at most %(count)d at once, "
                "or put them in a .zip archive.",
                "More than %(count)d files were chosen; choose at most %(count)d at once, "
                "or put them in a .zip archive.",
                limit,
            ) % {"count": limit}
            if request.path.startswith("/api/"):
                return JsonResponse({"error": "invalid", "reason": reason}, status=400)
            if not hasattr(request, "_messages"):
                return HttpResponseBadRequest(reason, content_type="text/plain; charset=utf-8")
            messages.error(request, reason)
            return HttpResponseRedirect(request.get_full_path(), status=303)
        return None
