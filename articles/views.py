from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView

from articles.models import Article
from articles.seedfile import split_paragraphs


class ArticleListView(LoginRequiredMixin, ListView):
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = 25

    def get_queryset(self):
        return Article.objects.select_related("source").defer("body")


class ArticleDetailView(LoginRequiredMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.select_related("source")

    def get_context_data(self, **kwargs):
        body = self.object.body
        paragraphs = [body[p.start : p.end] for p in split_paragraphs(body)]
        return super().get_context_data(paragraphs=paragraphs, **kwargs)
