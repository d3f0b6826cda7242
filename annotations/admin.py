from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from annotations.models import Annotation, ApiToken, ArticleTag, Tag
from annotations.services import annotations_set_hidden


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Annotation)
class AnnotationAdmin(admin.ModelAdmin):
    """Moderation: staff see shared annotations only, and may hide or show them."""

    list_display = ["__str__", "article", "user", "visibility", "hidden_by_staff", "orphaned"]
    list_filter = ["hidden_by_staff", "orphaned", "colour"]
    search_fields = ["exact", "comment", "user__username"]
    list_select_related = ["article", "user"]
    raw_id_fields = ["article", "user", "parent", "root"]
    readonly_fields = [
        "article", "user", "parent", "root", "start", "end", "exact", "prefix", "suffix",
        "comment", "comment_html", "visibility", "colour", "tags", "orphaned", "deleted",
        "created", "modified", "edited",
    ]  # fmt: skip
    actions = ["hide", "show"]

    def get_queryset(self, request):
        # A private annotation is its author's alone, staff included.
        return super().get_queryset(request).filter(visibility=Annotation.Visibility.SHARED)

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Hide the selected annotations"), permissions=["change"])
    def hide(self, request, queryset):
        count = annotations_set_hidden(queryset=queryset, user=request.user, hidden=True)
        self.message_user(
            request,
            ngettext("Hid %(count)d annotation.", "Hid %(count)d annotations.", count)
            % {"count": count},
        )

    @admin.action(description=_("Show the selected annotations again"), permissions=["change"])
    def show(self, request, queryset):
        count = annotations_set_hidden(queryset=queryset, user=request.user, hidden=False)
        self.message_user(
            request,
            ngettext(
                "Showed %(count)d annotation again.", "Showed %(count)d annotations again.", count
            )
            % {"count": count},
        )


@admin.register(ArticleTag)
class ArticleTagAdmin(admin.ModelAdmin):
    list_display = ["tag", "article", "user", "created"]
    list_select_related = ["tag", "article", "user"]
    raw_id_fields = ["article", "user", "tag"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created by their owners; staff can only see and revoke them."""

    list_display = ["name", "user", "prefix", "created", "last_used", "expires", "revoked"]
    readonly_fields = ["user", "name", "prefix", "key_hash", "created", "last_used", "expires"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False
