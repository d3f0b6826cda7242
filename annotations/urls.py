from django.urls import path, re_path

from annotations import api, views

app_name = "annotations"

urlpatterns = [
    path("api/annotations/", api.annotation_collection, name="api-collection"),
    path("api/annotations/<int:pk>/", api.annotation_detail, name="api-detail"),
    path("api/tags/", api.tag_collection, name="api-tags"),
    path("annotations/", views.my_annotations, name="mine"),
    path("activity/", views.activity, name="activity"),
    path("activity/read/", views.activity_read, name="activity-read"),
    re_path(r"^annotations/export\.(?P<fmt>csv|md|jsonld)$", views.export, name="export"),
    path("annotations/<int:pk>/hide/", views.annotation_hide, name="hide"),
    path("annotations/articles/<slug:slug>/tags/", views.article_tag_add, name="article-tag-add"),
    path(
        "annotations/articles/<slug:slug>/tags/<slug:tag>/remove/",
        views.article_tag_remove,
        name="article-tag-remove",
    ),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("settings/tokens/", views.tokens, name="tokens"),
    path("settings/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]
