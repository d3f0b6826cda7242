"""Login throttling with django-axes: what a locked-out person sees.

Axes counts failed logins per (username, IP address) in the database and, past
``AXES_FAILURE_LIMIT`` within ``AXES_COOLOFF_TIME``, refuses the next ones, the right password
included. Its middleware then answers with ``AXES_LOCKOUT_CALLABLE``: this login page again,
with a message instead of a bare text page. Every refused attempt starts the cool-off again
(axes' ``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT``), so the whole cool-off is the time
left. Staff unlock someone in the admin (Axes → Access attempts: delete the row) or with
``manage.py axes_reset_username <name>`` / ``axes_reset``.
"""

import math

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext, ngettext

LOCKED_STATUS = 429  # Too Many Requests


def client_ip(request) -> str | None:
    """The address failures are counted for (``AXES_CLIENT_IP_CALLABLE``).

    Behind the proxy (``SECURE_PROXY_SSL_HEADER`` on, README "Deployment") every request comes
    from the proxy's address, which would make the lockout one per username for the whole
    world: there the address is the last one in ``X-Forwarded-For``, the one the proxy itself
    appended (``$proxy_add_x_forwarded_for``); the ones before it are the client's word."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")


def lockout_message(request) -> str:
    cool_off = get_cool_off(request)
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 0
    if not minutes:
        return gettext("Too many failed attempts; ask an administrator to unlock your account.")
    return ngettext(
        "Too many failed attempts; try again in %(minutes)d minute or ask an administrator.",
        "Too many failed attempts; try again in %(minutes)d minutes or ask an administrator.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """The login page with the lockout message and an empty password field (429)."""
    username = get_client_username(request, credentials) or ""
    form = AuthenticationForm(request, initial={"username": username})
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": next_url, "lockout": lockout_message(request)},
        status=LOCKED_STATUS,
    )
