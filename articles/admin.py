from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from articles import derived, import_jobs, services
from articles.forms import SeedUploadForm, SpeakerMergeForm
from articles.models import (
    Article,
    CurationLog,
    ImportFile,
    ImportJob,
    Quote,
    Source,
    Speaker,
    SpeakerAlias,
    SpeakerSlug,
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "speaker"]
    search_fields = ["name", "speaker__name"]
    list_select_related = ["speaker"]
    autocomplete_fields = ["speaker"]


class SpeakerSlugInline(admin.TabularInline):
    """The old addresses that redirect to the speaker's page."""

    model = SpeakerSlug
    extra = 0


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "role", "quote_count", "edited"]
    list_filter = ["kind", "edited"]
    search_fields = ["name", "role", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpeakerAliasInline, SpeakerSlugInline]
    actions = ["merge_speakers"]

    def save_model(self, request, obj, form, change):
        obj.edited = True  # later imports leave a person's corrections alone
        if change and "slug" in form.changed_data and form.initial.get("slug"):
            # the old address keeps working (articles.views.SpeakerDetailView)
            services.speaker_slug_retire(
                old_slug=form.initial["slug"], speaker=obj, new_slug=obj.slug
            )
        super().save_model(request, obj, form, change)

    def has_merge_permission(self, request) -> bool:
        """A merge changes one speaker and deletes the others: it needs both permissions.
        (An action's ``permissions`` list lets in whoever has any one of them.)"""
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description=_("Merge the selected speakers into one"), permissions=["merge"])
    def merge_speakers(self, request, queryset):
        """A page asks which speaker stays (the one with most quotes is proposed)."""
        speakers = sorted(queryset, key=lambda s: (-s.quote_count, s.pk))
        if len(speakers) < 2:
            self.message_user(request, _("Select at least two speakers."), messages.WARNING)
            return None
        form = SpeakerMergeForm(
            request.POST if "confirm" in request.POST else None, speakers=speakers
        )
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "preserved_filters": self.get_preserved_filters(request),
                "title": _("Merge speakers"),
                "form": form,
                "speakers": speakers,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/articles/speaker/merge.html", context)
        target = form.cleaned_data["survivor"]
        others = [speaker for speaker in speakers if speaker.pk != target.pk]
        services.speakers_merge(target=target, others=others)
        self.message_user(
            request,
            ngettext(
                "Merged %(count)d speaker into %(name)s.",
                "Merged %(count)d speakers into %(name)s.",
                len(others),
            )
            % {"count": len(others), "name": target.name},
            messages.SUCCESS,
        )
        return None


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0
    fields = ["start", "end", "kind", "speaker", "cue", "confidence", "review"]
    readonly_fields = ["start", "end", "cue", "confidence", "review"]
    autocomplete_fields = ["speaker"]
    show_change_link = True


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "date", "date_precision", "quote_count", "imported_at"]
    list_filter = ["source", "date_precision", "language", "title_edited"]
    search_fields = ["title", "seed_filename"]
    date_hierarchy = "date"
    list_select_related = ["source"]
    readonly_fields = [
        "body",
        "seed_filename",
        "content_hash",
        "imported_by",
        "imported_at",
        "title_edited",
    ]
    fields = [
        "title",
        "title_edited",
        "slug",
        "source",
        "date",
        "date_precision",
        "language",
        "body",
        "seed_filename",
        "content_hash",
        "imported_by",
        "imported_at",
    ]
    inlines = [QuoteInline]
    actions = ["rerun_extractor"]
    change_list_template = "admin/articles/article/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(quote_count=Count("quotes"))

    @admin.display(description=_("quotes"), ordering="quote_count")
    def quote_count(self, article):
        return article.quote_count

    def save_model(self, request, obj, form, change):
        if change and "title" in form.changed_data:
            obj.title_edited = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Quote:
            for quote in formset.save(commit=False):
                services.quote_correct(quote=quote)
            for quote in formset.deleted_objects:
                quote.delete()
            derived.articles_changed([form.instance.pk])
        else:
            super().save_formset(request, form, formset, change)

    @admin.action(
        description=_("Run the quote extractor again (keeps reviewed quotes)"),
        permissions=["change"],
    )
    def rerun_extractor(self, request, queryset):
        for article in queryset:
            services.quotes_extract(article=article)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "Extracted the quotes of %(count)d article.",
                "Extracted the quotes of %(count)d articles.",
                count,
            )
            % {"count": count},
        )

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path("import/", view(self.import_view), name="articles_article_import"),
            path("import/jobs/<int:pk>/", view(self.import_job_view), name="articles_importjob"),
            path(
                "import/jobs/<int:pk>/progress/",
                view(self.import_job_progress),
                name="articles_importjob_progress",
            ),
            path(
                "import/jobs/<int:pk>/retry/",
                view(self.import_job_retry),
                name="articles_importjob_retry",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """The upload: checked here (sizes, counts, archives), stored as a job, imported in the
        background; the browser goes on to the job's page."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = SeedUploadForm(request.POST, request.FILES)
            if form.is_valid():
                job = import_jobs.import_job_create(
                    user=request.user,
                    files=_uploaded_seed_files(form.cleaned_data["files"]),
                    source=form.cleaned_data["source"],
                    replace=form.cleaned_data["replace"],
                    dry_run=form.cleaned_data["dry_run"],
                )
                import_jobs.import_job_enqueue(job=job)
                return redirect(job)
        else:
            form = SeedUploadForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import seed files"),
            "form": form,
            "jobs": ImportJob.objects.select_related("started_by")[:RECENT_JOBS],
        }
        return render(request, "admin/articles/article/import.html", context)

    def _import_job(self, request, pk) -> ImportJob:
        """Staff who may import see every import job (they are the site's, not a person's)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        return get_object_or_404(ImportJob.objects.select_related("started_by"), pk=pk)

    def import_job_view(self, request, pk):
        job = self._import_job(request, pk)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        hints = _import_hints()
        files = job.files.defer("data").select_related("article").order_by("position")
        failures = [
            _file_row(row, hints)
            for row in files.filter(status=services.Status.FAILED)[:SHOWN_FAILURES]
        ]
        page = None
        if job.finished:
            page = Paginator(files, FILES_PER_PAGE).get_page(request.GET.get("page"))
            page.rows = [_file_row(row, hints) for row in page.object_list]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": str(job),
            "job": job,
            "stale": import_jobs.import_job_is_stale(job),
            "failures": failures,
            "more_failures": job.failed - len(failures),
            "shown_failures": SHOWN_FAILURES,
            "last_failure": failures[-1]["position"] if failures else -1,
            "page": page,
        }
        return render(request, "admin/articles/article/import_job.html", context)

    def import_job_progress(self, request, pk):
        """What the job page's script polls: the counters and the failures after the last one
        it shows (``?after=position``), at most a few at a time: two small queries."""
        job = self._import_job(request, pk)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        try:
            after = int(request.GET.get("after", -1))
        except ValueError:
            after = -1
        hints = _import_hints()
        failures = (
            job.files.defer("data")
            .filter(status=services.Status.FAILED, position__gt=after)
            .order_by("position")[:POLLED_FAILURES]
        )
        return JsonResponse(
            {
                "id": job.pk,
                "status": job.status,
                "status_label": job.get_status_display(),
                "finished": job.finished,
                "stale": import_jobs.import_job_is_stale(job),
                "total": job.total_files,
                "done": job.files_done,
                "counts": {
                    name: getattr(job, name)
                    for name in ("imported", "replaced", "unchanged", "failed")
                },
                "error": job.error,
                "failures": [
                    {key: row[key] for key in ("position", "name", "message")}
                    for row in (_file_row(row, hints, article=False) for row in failures)
                ],
            }
        )

    def import_job_retry(self, request, pk):
        job = self._import_job(request, pk)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if import_jobs.import_job_retry(job=job):
            self.message_user(
                request, _("The import was queued again; files already done are skipped.")
            )
        else:
            self.message_user(
                request, _("This import is finished or still running."), messages.WARNING
            )
        return redirect(job)


RECENT_JOBS = 20  # import jobs listed on the upload page
SHOWN_FAILURES = 200  # failures listed on a job's page, before "and N more"
POLLED_FAILURES = 50  # failures one poll of a job's progress sends
FILES_PER_PAGE = 100  # files a page of a finished job lists


def _file_row(row: ImportFile, hints, *, article: bool = True) -> dict:
    """What a job's page shows of one of its files."""
    outcome = services.ImportOutcome(row.name, row.status, row.message, option=row.option)
    return {
        "position": row.position,
        "name": row.name,
        "status": row.status or "waiting",
        "status_label": outcome.status_label if row.status else gettext("waiting"),
        "failed": outcome.failed,
        "message": outcome.explained(hints),
        "article": row.article if article else None,
    }


def _import_hints() -> dict[str, str]:
    """What to do about a failed file, in the words of the upload form (the command has its
    own: ``--replace``, ``--source``)."""
    fields = SeedUploadForm.base_fields
    return {
        services.Option.REPLACE: gettext(
            "tick “%(field)s” to replace its text, or rename the file to import it as a new article"
        )
        % {"field": fields["replace"].label},
        services.Option.SOURCE: gettext("or fill in “%(field)s”")
        % {"field": fields["source"].label},
    }


def _uploaded_seed_files(files):
    for upload in files:
        if upload.name.lower().endswith(".zip"):
            yield from services.seed_files_from_zip(upload)
        else:
            try:
                services.seedfile.check_size(upload.size, upload.name)
                yield upload.name, upload.read(services.seedfile.MAX_BYTES + 1)
            except services.seedfile.SeedError as error:
                yield upload.name, error


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "article", "kind", "speaker", "cue", "confidence", "review"]
    list_filter = ["kind", "review", "article__source"]
    search_fields = ["speaker__name", "article__title", "cue"]
    list_select_related = ["article", "speaker"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article"]
    actions = ["confirm", "mark_not_speech"]

    @admin.display(description=_("text"))
    def excerpt(self, quote):
        text = " ".join(quote.text.split())
        return text if len(text) <= 90 else text[:89] + "…"

    def save_model(self, request, obj, form, change):
        services.quote_correct(quote=obj)

    def delete_model(self, request, obj):
        services.quotes_delete(Quote.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        services.quotes_delete(queryset)

    @admin.action(description=_("Confirm the selected quotes as they are"), permissions=["change"])
    def confirm(self, request, queryset):
        count = services.quotes_confirm(queryset)
        self.message_user(
            request,
            ngettext("Confirmed %(count)d quote.", "Confirmed %(count)d quotes.", count)
            % {"count": count},
        )

    @admin.action(description=_("Mark the selected quotes as not speech"), permissions=["change"])
    def mark_not_speech(self, request, queryset):
        for quote in queryset:
            services.quote_correct(quote=quote, kind=Quote.Kind.NOT_SPEECH)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "Marked %(count)d quote as not speech.",
                "Marked %(count)d quotes as not speech.",
                count,
            )
            % {"count": count},
        )


@admin.register(CurationLog)
class CurationLogAdmin(admin.ModelAdmin):
    """The corrections made on the reading pages: a record, read only."""

    list_display = ["created", "action", "user", "quote", "speaker"]
    list_filter = ["action"]
    list_select_related = ["user", "quote__article", "speaker"]
    date_hierarchy = "created"
    readonly_fields = ["action", "user", "created", "quote", "speaker", "before", "after"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
