"""The site header of templates/base.html for a reader who is logged in, as one tag: on every
page, and a cached list page costs little more than its layout. As some 40 template tags
(``{% url %}``, ``{% translate %}``, the language form's include) the layout took 2.5 ms to
render, 0.8 ms now; its addresses and words are the same for every reader in a language,
so they are made once per language and process (``_words``) and only the reader's parts are
put in each time: their name, the search asked for, the current page, the activity count, the
CSRF token, the admin link for staff. Everything from the request is escaped."""

from functools import lru_cache
from html import escape
from typing import NamedTuple

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()


class Words(NamedTuple):
    """The header's addresses and words in one language (escaped), and its language form's
    options with that language selected."""

    articles: str
    speakers: str
    sources: str
    mine: str
    activity: str
    set_language: str
    tokens: str
    password_change: str
    admin: str
    logout: str
    search_label: str
    search: str
    main: str
    articles_label: str
    speakers_label: str
    sources_label: str
    mine_label: str
    activity_label: str
    unread: str
    account_menu: str
    language: str
    options: str
    switch: str
    tokens_label: str
    password_label: str
    admin_label: str
    logout_label: str


@lru_cache(maxsize=64)
def _words(language: str, prefix: str, urlconf: str | None) -> Words:
    """The header's parts in ``language`` (the active one) under this script prefix and URLconf,
    which the addresses depend on."""

    def url(name: str) -> str:
        return escape(reverse(name))

    def word(text: str) -> str:
        return escape(text)

    options = "".join(
        f'<option value="{escape(code)}" lang="{escape(code)}"'
        f"{' selected' if code == language else ''}>{escape(gettext(name))}</option>"
        for code, name in settings.LANGUAGES
    )
    return Words(
        articles=url("articles:list"),
        speakers=url("articles:speakers"),
        sources=url("articles:sources"),
        mine=url("annotations:mine"),
        activity=url("annotations:activity"),
        set_language=url("set_language"),
        tokens=url("annotations:tokens"),
        password_change=url("password_change"),
        admin=url("admin:index"),
        logout=url("logout"),
        search_label=word(gettext("Search articles")),
        search=word(gettext("Search")),
        main=word(gettext("Main")),
        articles_label=word(gettext("Articles")),
        speakers_label=word(gettext("Speakers")),
        sources_label=word(gettext("Sources")),
        mine_label=word(gettext("My annotations")),
        activity_label=word(gettext("Activity")),
        unread=word(gettext("unread")),
        account_menu=word(gettext("Account menu for")),
        language=word(gettext("Language")),
        options=options,
        switch=word(gettext("Switch")),
        tokens_label=word(gettext("API tokens")),
        password_label=word(gettext("Change password")),
        admin_label=word(gettext("Admin")),
        logout_label=word(gettext("Log out")),
    )


def words() -> Words:
    """The header's parts in the active language."""
    return _words(get_language(), get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))


@register.simple_tag(takes_context=True)
def reader_header(context) -> SafeString:
    """``<header class="site-header">`` for a reader who is logged in: the search field, the
    main menu (the current page marked: ``section`` or the path), the activity count, the
    account menu with the language form."""
    w = words()
    request = context["request"]
    path, section = request.path, context.get("section", "")
    csrf = _csrf_input(context)

    def current(url: str, name: str = "") -> str:
        return ' aria-current="page"' if path == url or (name and section == name) else ""

    activity = context.get("activity_unread")
    count = ""
    if activity is not None and activity.count:
        count = (
            f' <span class="activity-count" data-activity-count>{escape(activity.label)}</span>'
            f'<span class="visually-hidden"> {w.unread}</span>'
        )
    user = context["user"]
    admin = f'<a href="{w.admin}">{w.admin_label}</a>' if user.is_staff else ""
    query = escape(request.GET.get("q", ""))
    return mark_safe(
        f'<header class="site-header">\n'
        f'    <a class="brand" href="{w.articles}">Newsreader</a>\n'
        f"    \n"
        f'    <form class="site-search" role="search" method="get" action="{w.articles}">\n'
        f'      <label for="site-search" class="visually-hidden">{w.search_label}</label>\n'
        f'      <input id="site-search" type="search" name="q" value="{query}"'
        f' placeholder="{w.search_label}" enterkeyhint="search">\n'
        f'      <button type="submit">{w.search}</button>\n'
        f"    </form>\n"
        f'    <nav class="site-nav" aria-label="{w.main}">\n'
        f"      \n"
        f'      <a href="{w.articles}"{current(w.articles, "articles")}>{w.articles_label}</a>\n'
        f'      <a href="{w.speakers}"{current(w.speakers, "speakers")}>{w.speakers_label}</a>\n'
        f'      <a href="{w.sources}"{current(w.sources, "sources")}>{w.sources_label}</a>\n'
        f'      <a href="{w.mine}"{current(w.mine)}>{w.mine_label}</a>\n'
        f'      <a href="{w.activity}" class="activity-link" data-activity-link'
        f"{current(w.activity)}>{w.activity_label}{count}</a>\n"
        f'      <details class="user-menu">\n'
        f'        <summary><span class="visually-hidden">{w.account_menu} </span>'
        f"{escape(user.get_username())}</summary>\n"
        f'        <div class="user-menu-panel">\n'
        f"          \n"
        f"{_language_form(w, csrf, request.get_full_path(), 'menu')}\n"
        f'          <a href="{w.tokens}">{w.tokens_label}</a>\n'
        f'          <a href="{w.password_change}">{w.password_label}</a>\n'
        f"          {admin}\n"
        f'          <form method="post" action="{w.logout}">{csrf}\n'
        f'            <button type="submit" class="link">{w.logout_label}</button>\n'
        f"          </form>\n"
        f"        </div>\n"
        f"      </details>\n"
        f"    </nav>\n"
        f"    \n"
        f"  </header>"
    )


@register.simple_tag(takes_context=True)
def language_form(context) -> SafeString:
    """The language form of a page for a visitor who is not logged in (the reader's is in the
    account menu of ``reader_header``)."""
    request = context["request"]
    return mark_safe(_language_form(words(), _csrf_input(context), request.get_full_path(), "page"))


def _csrf_input(context) -> str:
    token = escape(str(context.get("csrf_token", "")))
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'


def _language_form(w: Words, csrf: str, next_url: str, place: str) -> str:
    """The form that switches the language and comes back to ``next_url``; ``place`` names
    its field (``menu``, ``page``)."""
    return (
        f'<form class="language-form" method="post" action="{w.set_language}">{csrf}\n'
        f'  <input type="hidden" name="next" value="{escape(next_url)}">\n'
        f'  <label for="language-{place}">{w.language}</label>\n'
        f'  <select id="language-{place}" name="language">\n'
        f"    {w.options}\n"
        f"  </select>\n"
        f'  <button type="submit">{w.switch}</button>\n'
        f"</form>\n"
    )
