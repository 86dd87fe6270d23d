"""Bring the project's Vietnamese admin catalogues in step with the installed Wagtail and Django."""

import subprocess
import tempfile
from pathlib import Path

import django
from django.core.management.base import BaseCommand, CommandError

from portal.admin_catalogue import LANGUAGE, project_app_catalogues, project_catalogue, source_catalogues

NEW_CATALOGUE = f"""msgid ""
msgstr ""
"Language: {LANGUAGE}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""


def _as_template(catalogue):
    """The catalogue's live msgids with empty translations and references from site-packages.

    References lose their line numbers ("wagtail/admin/action_menu.py"), which change with every
    release; each package writes them from its own folder, hence the search upwards. A catalogue
    in another language (django-filter ships no English one) lends its msgids only: msgmerge
    would copy its translations into new entries.
    """
    package_dir = catalogue.parents[3]
    site_packages = Path(django.__file__).parents[1]

    def located(ref):
        name = ref.rsplit(":", 1)[0]
        for root in (package_dir, *package_dir.parents):
            if (root / name).exists():
                return str((root / name).relative_to(site_packages))
            if root == site_packages:
                break
        return str(package_dir.relative_to(site_packages) / name)  # sources it does not ship (JavaScript)

    lines, in_translation, header_seen = [], False, False
    for line in catalogue.read_text(encoding="utf-8").splitlines():
        if line.startswith("#~") or (in_translation and line.startswith('"')):
            continue
        in_translation = False
        if line.startswith("msgstr"):
            if header_seen:
                line, in_translation = f'{line.split(" ", 1)[0]} ""', True
            header_seen = True
        elif line.startswith("#: "):
            line = "#: " + " ".join(dict.fromkeys(located(ref) for ref in line[3:].split()))
        lines.append(line)
    return "\n".join(lines) + "\n"


def _key(block):
    """(msgctxt, msgid) of a catalogue entry, and whether it has a plural form."""
    fields, current = {}, None
    for line in block.splitlines():
        if line.startswith(("msgctxt ", "msgid ", "msgid_plural ")):
            current, _, rest = line.partition(" ")
            fields[current] = rest
        elif line.startswith('"') and current:
            fields[current] += line
        elif not line.startswith("#"):
            current = None
    if "msgid" not in fields:
        return None, False
    return (fields.get("msgctxt"), fields["msgid"]), "msgid_plural" in fields


def _without_plural_clashes(template, seen):
    """msgcat refuses a msgid that is singular in one catalogue and plural in another (django-otp's
    "Please correct the error below." against Django admin's): the first catalogue's form wins."""
    kept = []
    for block in template.split("\n\n"):
        key, plural = _key(block)
        if key is not None and key[1] != '""' and seen.setdefault(key, plural) != plural:
            continue
        kept.append(block)
    return "\n\n".join(kept)


def _run(*args):
    try:
        subprocess.run(args, check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise CommandError(f"{args[0]} not found: install GNU gettext") from error
    except subprocess.CalledProcessError as error:
        raise CommandError(f"{' '.join(args)} failed:\n{error.stderr}") from error


class Command(BaseCommand):
    help = (
        "Add to portal/admin_locale the strings that the installed Wagtail, Django, django-filter and "
        "taggit catalogues have and it lacks, and drop those they no longer have or that a project app "
        "translates itself. New strings are left untranslated (tests/test_admin_i18n.py lists them) "
        "until a translator fills them in."
    )

    def handle(self, *args, **options):
        for domain in ("django", "djangojs"):
            with tempfile.TemporaryDirectory() as tmp:
                self._update(domain, Path(tmp))

    def _update(self, domain, tmp):
        target = project_catalogue(domain)
        copies, seen = [], {}
        for index, source in enumerate(source_catalogues(domain)):
            copies.append(tmp / f"{index:03}.po")
            copies[-1].write_text(_without_plural_clashes(_as_template(source), seen), encoding="utf-8")
        template = tmp / f"{domain}.pot"
        _run("msgcat", "--use-first", f"--output-file={template}", *map(str, copies))
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(NEW_CATALOGUE, encoding="utf-8")
        _run("msgmerge", "--quiet", "--update", "--backup=none", "--no-fuzzy-matching", str(target), str(template))
        if domain == "django":
            # A msgid a project app translates keeps the app's wording: LOCALE_PATHS would override it.
            owned = tmp / "project.po"
            _run("msgcat", "--use-first", f"--output-file={owned}", *map(str, project_app_catalogues()))
            _run("msgattrib", "--set-obsolete", f"--only-file={owned}", f"--output-file={target}", str(target))
        _run("msgattrib", "--no-obsolete", f"--output-file={target}", str(target))
        self.stdout.write(str(target))
