from django.urls import path, re_path

from articles import views

app_name = "articles"

urlpatterns = [
    path("articles/", views.ArticleListView.as_view(), name="list"),
    re_path(r"^articles/export\.(?P<fmt>csv|jsonl)$", views.quotes_export, name="export"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("articles/<slug:slug>/reading/", views.article_reading, name="reading"),
    path("speakers/", views.SpeakerListView.as_view(), name="speakers"),
    path("speakers/search.json", views.speaker_search, name="speaker-search"),
    path("speakers/<slug:slug>/correct/", views.speaker_correct, name="speaker-correct"),
    path("quotes/<int:pk>/correct/", views.quote_correct, name="quote-correct"),
    path("speakers/<slug:slug>/", views.SpeakerDetailView.as_view(), name="speaker"),
    path("sources/", views.SourceListView.as_view(), name="sources"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source"),
]
