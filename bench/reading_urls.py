"""The app's URLs and two trivial views to compare the reading pages with."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from newsreader.urls import urlpatterns as app_urlpatterns

PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block content %}<p>ok</p>{% endblock %}'
)


def trivial(request):
    """No template, no query: the cost of Django's request handling and middleware."""
    return HttpResponse("ok")


def trivial_page(request):
    """The site's layout around a word: what every page pays before its own work."""
    return HttpResponse(PAGE.render({}, request))


urlpatterns = [path("trivial/", trivial), path("trivial-page/", trivial_page), *app_urlpatterns]
