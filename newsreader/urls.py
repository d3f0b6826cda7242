from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import include, path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import RedirectView
from django.views.i18n import set_language

from newsreader.views import healthz


class LogoutView(auth_views.LogoutView):
    """Django's logout, and a word about it on the login page it leads to."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have been logged out."))
        return response


@method_decorator(login_not_required, name="dispatch")
class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever the page links to. The address is looked up per
    request: the manifest storage knows the file's hashed name only after collectstatic."""

    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, when the site can send mail; else a page that says it cannot
    (and who can help) instead of claiming a mail was sent."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.PASSWORD_RESET_BY_MAIL:
            return render(request, "registration/password_reset_unavailable.html")
        return super().dispatch(request, *args, **kwargs)


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="articles:list", permanent=False)),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    # The language switch works on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("favicon.ico", FaviconView.as_view()),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    path("", include("annotations.urls")),
]

# Under /api/ an unhandled error answers in the API's JSON error shape (503 when the database
# is unavailable); other pages get Django's 500 page.
handler500 = "annotations.api.server_error"
