"""Request checks that hold for every page and endpoint."""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


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
