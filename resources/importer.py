"""Bulk import of resources from a CSV or XLSX catalogue, one row per resource.

Rows are matched on the ``identifier`` column, so importing the same file twice changes
nothing, and a corrected file updates what it names. Each row is checked and saved on its
own: a wrong row is reported with every problem it has and never stops the others.
"""

import csv
import difflib
import hashlib
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from network.models import Organisation
from search.text import fold

from .models import Audience, Level, LibraryPage, Licence, ResourceKind, ResourceLanguage, ResourcePage, Topic
from .services import validate_resource

COLUMNS = [
    "identifier",
    "title",
    "summary",
    "kind",
    "topics",
    "audiences",
    "level",
    "language",
    "licence",
    "authors",
    "publisher",
    "year",
    "pages",
    "minutes",
    "file",
    "url",
    "accessibility_notes",
    "title_en",
    "summary_en",
]
REQUIRED = ["identifier", "title", "summary", "kind"]
LIST_SEPARATOR = ";"
# Excel on Vietnamese Windows saves "CSV" with semicolons, and without "UTF-8" in the format's name
# in the Windows Vietnamese code page.
CSV_DELIMITERS = ",;\t"
CSV_ENCODINGS = ("utf-8-sig", "cp1258")


@dataclass
class RowResult:
    line: int
    identifier: str
    action: str = ""  # created, updated, unchanged, or "" when the row has errors
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    title: str = ""

    def error(self, column, message):
        self.errors.append((column, message))

    def warn(self, column, message):
        self.warnings.append((column, message))


class ImportFileError(Exception):
    """The file as a whole cannot be read (missing, wrong type, no header row)."""


def read_rows(path):
    """The file's rows as dicts keyed by lower-case column names, with their line numbers."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(_("The file %(path)s does not exist.") % {"path": path})
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path.read_bytes())
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        rows = [
            ["" if cell is None else str(cell) for cell in row]
            for row in workbook.worksheets[0].iter_rows(values_only=True)
        ]
        workbook.close()
    else:
        raise ImportFileError(_("Only .csv and .xlsx files can be imported."))
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [name.strip().lower() for name in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportFileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    return [
        (line, {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(header)})
        for line, values in enumerate(rows[1:], start=2)
        if any(value.strip() for value in values)
    ]


def _csv_rows(data):
    for encoding in CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("The file is not UTF-8 text: save it again as “CSV UTF-8”."))
    text = unicodedata.normalize("NFC", text)  # cp1258 writes tones as combining marks
    header = text.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(header, delimiters=CSV_DELIMITERS)
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text, newline=""), dialect))


def _choice(value, choices):
    wanted = value.strip().lower()
    for code, label in choices.choices:
        if wanted in {code.lower(), str(label).lower()}:
            return code
    # "CC BY" for "CC BY 4.0", "cc-by-sa" for "CC BY-SA 4.0".
    for code, label in choices.choices:
        if wanted.replace("-", " ") == str(label).lower().rsplit(" ", 1)[0].replace("-", " "):
            return code
    return None


def closest(name, candidates):
    """The candidate nearest to a mistyped name, compared without accents or case; None if none is close."""
    folded = {fold(candidate): candidate for candidate in candidates}
    match = difflib.get_close_matches(fold(name), list(folded), n=1, cutoff=0.75)
    return folded[match[0]] if match else None


class Terms:
    """Topics or audiences, found by slug, Vietnamese or English name, with or without accents."""

    def __init__(self, model):
        self.model = model
        self.terms = {}
        for term in model.objects.all():
            for key in (term.slug, term.name, term.name_en):
                if key:
                    self.terms[fold(key)] = term

    def find(self, value):
        found, unknown = [], []
        for name in filter(None, (part.strip() for part in value.split(LIST_SEPARATOR))):
            term = self.terms.get(fold(name))
            if term is None:
                unknown.append(name)
            elif term not in found:
                found.append(term)
        return found, unknown

    def unknown_message(self, names):
        parts = []
        for name in names:
            near = closest(name, [t.name for t in set(self.terms.values())])
            parts.append(
                _("“%(name)s” (did you mean “%(near)s”?)") % {"name": name, "near": near} if near else f"“{name}”"
            )
        return _("Unknown: %(names)s. Add them under Library › %(list)s first, or correct the file.") % {
            "names": ", ".join(parts),
            "list": self.model._meta.verbose_name_plural,
        }


class Publishers:
    """Organisations by name: exact, else the same name without accents, else unknown (never made up)."""

    def __init__(self, create=False):
        self.create = create
        self.by_name = {}
        self.by_folded = {}
        for organisation in Organisation.objects.order_by("pk"):
            self.by_name.setdefault(organisation.name, organisation)
            self.by_folded.setdefault(fold(organisation.name), []).append(organisation)
        self.created = {}

    def resolve(self, name, result):
        """The organisation, a name to create (when allowed), or None with the row's error or warning."""
        if not name:
            return None
        if name in self.by_name:
            return self.by_name[name]
        same = self.by_folded.get(fold(name), [])
        if len(same) == 1:
            result.warn(
                "publisher",
                _("“%(name)s” was taken to be “%(organisation)s”.") % {"name": name, "organisation": same[0].name},
            )
            return same[0]
        near = closest(name, self.by_name)
        if self.create:
            message = _("“%(name)s” is not in the organisations yet: it will be created.") % {"name": name}
            if near:
                message += " " + _("Is it not “%(near)s”?") % {"near": near}
            result.warn("publisher", message)
            return name
        if near:
            result.error(
                "publisher",
                _("Unknown organisation “%(name)s”. Did you mean “%(near)s”?") % {"name": name, "near": near},
            )
        else:
            result.error(
                "publisher",
                _(
                    "Unknown organisation “%(name)s”. Add it under Learning-city network › Organisations, "
                    "or allow new publishers to be created."
                )
                % {"name": name},
            )
        return None

    def forget(self, value):
        """A row that made a publisher was rolled back, and the publisher with it."""
        if isinstance(value, str) and value in self.created:
            del self.created[value]
            del self.by_name[value]

    def get_or_create(self, value):
        if not isinstance(value, str):
            return value
        if value not in self.created:
            self.created[value] = Organisation.objects.create(name=value)
            self.by_name[value] = self.created[value]
        return self.created[value]


def _positive(value, result, column, low=1, high=None):
    if not value:
        return None
    try:
        number = int(float(value))
    except ValueError:
        result.error(column, _("“%(value)s” is not a whole number.") % {"value": value})
        return None
    if number < low or (high is not None and number > high):
        result.error(column, _("%(value)s is out of range.") % {"value": number})
        return None
    return number


def _file(value, base_dir, result):
    if not value:
        return None
    path = Path(value)
    if not path.is_absolute():
        path = base_dir / path
    if not path.is_file():
        result.error("file", _("No file at %(path)s.") % {"path": path})
        return None
    extension = path.suffix.lower().lstrip(".")
    if extension not in settings.WAGTAILDOCS_EXTENSIONS:
        result.error(
            "file",
            _("Files of type “%(extension)s” cannot be uploaded. Allowed types: %(types)s.")
            % {"extension": extension, "types": ", ".join(settings.WAGTAILDOCS_EXTENSIONS)},
        )
        return None
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if limit is not None and path.stat().st_size > limit:
        result.error(
            "file",
            _("The file is too large (%(size)s): the limit is %(limit)s. Compress it or split it into parts.")
            % {"size": filesizeformat(path.stat().st_size), "limit": filesizeformat(limit)},
        )
        return None
    return path


def parse_row(line, row, base_dir, lookups):
    """The page fields a row asks for, and a result listing every problem found in it."""
    result = RowResult(line=line, identifier=row.get("identifier", ""), title=row.get("title", ""))
    for column in REQUIRED:
        if not row.get(column):
            result.error(column, _("This column is required."))
    fields = {"title": row.get("title", "")[:255], "summary": row.get("summary", "")}
    if row.get("identifier") and len(row["identifier"]) > 100:
        result.error("identifier", _("At most 100 characters."))
    for column, choices, default in (
        ("kind", ResourceKind, None),
        ("level", Level, Level.BASIC),
        ("language", ResourceLanguage, ResourceLanguage.VIETNAMESE),
        ("licence", Licence, Licence.CC_BY),
    ):
        value = row.get(column, "")
        code = _choice(value, choices) if value else default
        if value and code is None:
            result.error(
                column,
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(code for code, _label in choices.choices)},
            )
        fields[column] = code
    related = {}
    for column in ("topics", "audiences"):
        terms = lookups[column]
        found, unknown = terms.find(row.get(column, ""))
        if unknown:
            result.error(column, terms.unknown_message(unknown))
        related[column] = found
    fields["authors"] = row.get("authors", "")[:255]
    fields["accessibility_notes"] = row.get("accessibility_notes", "")
    fields["year"] = _positive(row.get("year", ""), result, "year", 1900, 2100)
    fields["page_count"] = _positive(row.get("pages", ""), result, "pages")
    fields["duration_minutes"] = _positive(row.get("minutes", ""), result, "minutes")
    url = row.get("url", "")
    if url:
        try:
            URLValidator()(url)
        except ValidationError:
            result.error("url", _("“%(value)s” is not a web address.") % {"value": url})
    fields["external_url"] = url
    related["publisher"] = lookups["publisher"].resolve(row.get("publisher", "")[:255], result)
    related["file"] = _file(row.get("file", ""), base_dir, result)
    related["english"] = {"title": row.get("title_en", "")[:255], "summary": row.get("summary_en", "")}
    return fields, related, result


def _document(path, title, current):
    """The current document when the file is the same, else a new document made from the file."""
    digest = hashlib.sha1(path.read_bytes()).hexdigest()
    if current is not None and current.get_file_hash() == digest:
        return current
    Document = get_document_model()
    existing = Document.objects.filter(file_hash=digest).first()
    if existing:
        return existing
    with path.open("rb") as handle:
        document = Document(title=title, file=File(handle, name=path.name))
        document._set_document_file_metadata()
        document.save()
    return document


def _apply(page, fields, topics, audiences):
    changed = any(getattr(page, name) != value for name, value in fields.items())
    changed |= {t.pk for t in page.topics.all()} != {t.pk for t in topics}
    changed |= {a.pk for a in page.audiences.all()} != {a.pk for a in audiences}
    for name, value in fields.items():
        setattr(page, name, value)
    page.topics = list(topics)
    page.audiences = list(audiences)
    return changed


def _save_english(page, english):
    if not english["title"]:
        return False
    locale = Locale.objects.filter(language_code="en").first()
    if locale is None:
        return False
    translated = page.get_translation_or_none(locale)
    if translated is None:
        translated = page.copy_for_translation(locale, copy_parents=True)
    translated = translated.specific
    wanted = {"title": english["title"], "summary": english["summary"] or translated.summary}
    if all(getattr(translated, name) == value for name, value in wanted.items()) and translated.live:
        return False
    for name, value in wanted.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return True


def import_row(library, fields, related, result, dry_run, publishers):
    existing = ResourcePage.objects.child_of(library).filter(identifier=result.identifier).first()
    page = existing.specific if existing else ResourcePage(identifier=result.identifier)
    if related["file"] is not None:
        fields["document"] = page.document if dry_run else _document(related["file"], fields["title"], page.document)
    if related["publisher"] is not None:
        # A new publisher (only when allowed) exists in a dry run as an unsaved stand-in.
        fields["publisher"] = (
            Organisation(name=related["publisher"])
            if dry_run and isinstance(related["publisher"], str)
            else publishers.get_or_create(related["publisher"])
        )
    changed = _apply(page, fields, related["topics"], related["audiences"])
    if dry_run and fields.get("document") is None and related["file"] is not None:
        # The file is checked already; stand in for it so that the kind's rules can be checked too.
        page.document = get_document_model()(title=fields["title"], file=related["file"].name)
    try:
        # The tree fields are Wagtail's business; the rest is checked before anything is saved.
        page.clean_fields(exclude=[f.name for f in Page._meta.fields if f.name != "title"])
        validate_resource(page)
        if dry_run:
            result.action = "updated" if existing and changed else ("unchanged" if existing else "created")
            return
        if existing is None:
            library.add_child(instance=page)
            page.save_revision().publish()
            result.action = "created"
        elif changed or not page.live:
            page.save_revision().publish()
            result.action = "updated"
        else:
            result.action = "unchanged"
    except ValidationError as error:
        for column, messages in error.message_dict.items():
            for message in messages:
                result.error(column, message)
        return
    if _save_english(page, related["english"]) and result.action == "unchanged":
        result.action = "updated"


def import_resources(path, dry_run=False, create_publishers=False, progress=None):
    """Import every row of the file; returns one RowResult per row.

    Unknown publishers are errors unless ``create_publishers``; ``progress(done, total)`` is
    called after each row.
    """
    library = LibraryPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if library is None:
        raise ImportFileError(_("Create the library page before importing resources."))
    base_dir = Path(path).resolve().parent
    lookups = {
        "topics": Terms(Topic),
        "audiences": Terms(Audience),
        "publisher": Publishers(create_publishers),
    }
    rows = read_rows(path)
    results, seen = [], {}
    for line, row in rows:
        fields, related, result = parse_row(line, row, base_dir, lookups)
        if result.identifier in seen:
            result.error(
                "identifier", _("Repeats the identifier of line %(line)s.") % {"line": seen[result.identifier]}
            )
        seen.setdefault(result.identifier, line)
        if not result.errors:
            with transaction.atomic():
                import_row(library, fields, related, result, dry_run, lookups["publisher"])
                if result.errors:
                    transaction.set_rollback(True)
                    lookups["publisher"].forget(related["publisher"])
        results.append(result)
        if progress is not None:
            progress(len(results), len(rows))
    return results


def summary(results, dry_run):
    """The closing sentence of a run, and the number of rows with errors."""
    counts = {action: sum(1 for r in results if r.action == action) for action in ("created", "updated", "unchanged")}
    failed = sum(1 for r in results if r.errors)
    text = _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged, %(failed)s with errors.") % {
        **counts,
        "failed": failed,
    }
    if dry_run:
        text = _("Dry run, nothing saved: %(summary)s") % {"summary": text}
    return text, failed
