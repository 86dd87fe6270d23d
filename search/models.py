from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One live public page as the database backend searches it: text in two forms, facets.

    Maintained by ``search.indexer`` next to the Elasticsearch index, so that the database can
    take over whenever Elasticsearch is not configured or not reachable. The folded columns are
    also held by a full-text index that the model does not declare (migration 0004): an FTS5
    table on SQLite, a GIN-indexed ``tsvector`` column on PostgreSQL.
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
    # The page knows only the year of its date (a library resource's publication year).
    year_only = models.BooleanField(default=False)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    # Space-padded words (" khuyến học "): whole-word ranking with a plain substring search.
    title_exact = models.TextField(blank=True)
    body_exact = models.TextField(blank=True)
    title_folded = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.title


class SearchFacet(models.Model):
    """One facet value of an entry (its type, year, a topic, an audience), counted in SQL."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=20)
    value = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["name", "value"], name="search_facet_value")]

    def __str__(self):
        return f"{self.name}: {self.value}"


class SearchTerm(models.Model):
    """How often a word, or two words in a row, occurs in the titles and summaries of a language,
    as spelled there: the vocabulary that "did you mean" draws on. Kept up to date by the
    database backend with each index write."""

    language = models.CharField(max_length=10)
    folded = models.CharField(max_length=100)
    spelling = models.CharField(max_length=100)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["language", "spelling"], name="search_term_spelling")]
        indexes = [models.Index(fields=["language", "folded"], name="search_term_folded")]

    def __str__(self):
        return self.spelling


class ExtractedText(models.Model):
    """Text pulled out of a PDF or DOCX file, cached by the file's hash (extraction is slow)."""

    file_hash = models.CharField(max_length=40, unique=True)
    text = models.TextField(blank=True)
    extracted_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.file_hash
