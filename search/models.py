from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One live public page as the database backend searches it: text in two forms, facets.

    Maintained by ``search.indexer`` next to the Elasticsearch index, so that the database can
    take over whenever Elasticsearch is not configured or not reachable.
    """

    # No database constraint: the benchmark fills the table with synthetic entries; deleting a
    # page still deletes its entry through Django's cascade.
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, db_constraint=False, related_name="search_entry"
    )
    language = models.CharField(_("language"), max_length=10, db_index=True)
    page_type = models.CharField(_("page type"), max_length=100)
    title = models.CharField(_("title"), max_length=255)
    url = models.CharField(_("URL"), max_length=500)
    date = models.DateField(_("date"), null=True, blank=True, db_index=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    # Space-padded words (" khuyến học "): whole-word matching with a plain LIKE on any database.
    title_exact = models.TextField(blank=True)
    body_exact = models.TextField(blank=True)
    title_folded = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    # One "name\tvalue" line per facet value (type, year, topics, audiences): read and counted
    # for every match, and splitting lines is much cheaper than decoding JSON.
    facet_lines = models.TextField(_("facets"), blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.title


class ExtractedText(models.Model):
    """Text pulled out of a PDF or DOCX file, cached by the file's hash (extraction is slow)."""

    file_hash = models.CharField(max_length=40, unique=True)
    text = models.TextField(blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.file_hash
