"""Every app's Vietnamese catalogue is complete and compiled, and dates read as Vietnamese write them."""

import gettext
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
PO_FILES = sorted(
    [
        path
        for path in ROOT.glob("*/locale/vi/LC_MESSAGES/django.po")
        if path.relative_to(ROOT).parts[0] not in {".venv", "node_modules"}
    ]
    # The admin's complete catalogues (Wagtail, Django), Python and JavaScript: tests/test_admin_i18n.py
    + list(ROOT.glob("portal/admin_locale/vi/LC_MESSAGES/*.po"))
)
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(line):
    body = line.strip()
    assert body.startswith('"') and body.endswith('"'), f"not a PO string: {line!r}"
    return re.sub(r"\\(.)", lambda m: ESCAPES[m.group(1)], body[1:-1])


def parse_po(path):
    """The catalogue's live entries as dicts: msgctxt, msgid, msgid_plural, msgstr {index: text}, fuzzy.

    An entry ends where the next one's comments or msgctxt/msgid begin after a msgstr (blank
    lines between entries are usual but not required). Obsolete entries (#~) are left out:
    gettext ignores them too.
    """
    entries = []
    entry, field = None, None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        starts_entry = line.startswith(("#", "msgctxt ", "msgid "))
        if starts_entry and (entry is None or entry["msgstr"]):
            entry = {"msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}, "fuzzy": False}
            entries.append(entry)
        if line.startswith("#"):
            if line.startswith("#,") and "fuzzy" in {flag.strip() for flag in line[2:].split(",")}:
                entry["fuzzy"] = True
        elif line.startswith('"'):
            if isinstance(field, int):
                entry["msgstr"][field] += _unquote(line)
            else:
                entry[field] += _unquote(line)
        else:
            keyword, _, rest = line.partition(" ")
            plural_form = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if keyword == "msgstr" or plural_form:
                field = int(plural_form.group(1)) if plural_form else 0
                entry["msgstr"][field] = _unquote(rest)
            else:
                field = keyword
                entry[field] = _unquote(rest)
    return [e for e in entries if e["msgid"] is not None]


def _label(entry):
    return f"{entry['msgctxt']}|{entry['msgid']}" if entry["msgctxt"] else entry["msgid"]


def test_the_shell_catalogues_are_found():
    apps = {path.relative_to(ROOT).parts[0] for path in PO_FILES}
    assert {"portal", "home"} <= apps


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_fully_translated(po_path):
    entries = parse_po(po_path)
    header = [e for e in entries if e["msgid"] == "" and not e["msgctxt"]]
    assert header and not header[0]["fuzzy"], "the header is fuzzy: msgfmt would drop it (and its Plural-Forms)"
    messages = [e for e in entries if e["msgid"]]
    assert messages, "the catalogue has no messages"
    fuzzy = [_label(e) for e in messages if e["fuzzy"]]
    untranslated = [_label(e) for e in messages if not e["msgstr"] or not all(e["msgstr"].values())]
    assert not fuzzy, f"fuzzy entries in {po_path}: {fuzzy}"
    assert not untranslated, f"untranslated entries in {po_path}: {untranslated}"


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_matches_its_source(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run compilemessages"
    with mo_path.open("rb") as handle:
        # _catalog is the only view of plural forms by index and of context keys ("ctx\x04id").
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in parse_po(po_path):
        if not entry["msgid"] or entry["fuzzy"]:
            continue
        key = f"{entry['msgctxt']}\x04{entry['msgid']}" if entry["msgctxt"] else entry["msgid"]
        if entry["msgid_plural"] is None:
            expected[key] = entry["msgstr"][0]
        else:
            expected.update({(key, index): text for index, text in entry["msgstr"].items()})
    actual = {key: text for key, text in compiled.items() if key != ""}
    stale = sorted(str(key) for key in expected.keys() ^ actual.keys())
    assert not stale, f"{mo_path} is out of date with its .po (run compilemessages): {stale[:10]}"
    changed = sorted(str(key) for key in expected if expected[key] != actual[key])
    assert not changed, f"{mo_path} is out of date with its .po (run compilemessages): {changed[:10]}"


def test_parser_reads_plurals_contexts_and_continuations(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        '#, python-format\nmsgctxt "month"\nmsgid "May"\nmsgstr "Tháng "\n"Năm"\n\n'
        'msgid "%(n)s result"\nmsgid_plural "%(n)s results"\nmsgstr[0] "%(n)s kết quả"\n\n'
        '#, fuzzy\nmsgid "Draft"\nmsgstr "Bản nháp"\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Đã bỏ"\n',
        encoding="utf-8",
    )
    entries = {_label(e): e for e in parse_po(po)}
    assert set(entries) == {"", "month|May", "%(n)s result", "Draft"}
    assert entries["month|May"]["msgstr"] == {0: "Tháng Năm"}
    assert entries["%(n)s result"]["msgid_plural"] == "%(n)s results"
    assert entries["Draft"]["fuzzy"] is True
    assert entries["month|May"]["fuzzy"] is False


@pytest.mark.parametrize(
    ("language", "expected"),
    [("vi", "Thứ Tư, 11/12/2024, 08:00"), ("en", "Wednesday 11 December 2024, 08:00")],
)
def test_datetime_format_reads_as_people_write_it(language, expected):
    value = datetime(2024, 12, 11, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with translation.override(language):
        rendered = Template('{{ value|date:"DATETIME_FORMAT" }}').render(Context({"value": value}))
    assert rendered == expected


def test_every_weekday_has_its_vietnamese_name():
    template = Template('{{ value|date:"l" }}')
    with translation.override("vi"):
        names = [
            template.render(Context({"value": datetime(2024, 12, day, 12, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))}))
            for day in range(9, 16)
        ]
    assert names == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]
