import logging

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """For a load balancer or a monitor: 200 when the app answers and its database does, 503
    when the database cannot be reached. No login, no session; the error's details go to the
    log, not to whoever asks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("healthz: the database did not answer: %s", error, exc_info=True)
        return JsonResponse(
            {
                "status": "error",
                "database": "error",
                "reason": f"the database cannot be reached ({type(error).__name__})",
            },
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok"})
