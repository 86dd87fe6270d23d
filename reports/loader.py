"""Indicator sets from data files (TOML): the demo's structure, and how a real framework is loaded.

A file describes a set and one version of it (sections, and indicators within sections). Loading is
idempotent: a version that exists already is left as editors made it.
"""

import tomllib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .models import LEVEL_FLAGS, Indicator, IndicatorSet, IndicatorSetVersion, Section
from .services import STRUCTURAL_FIELDS, structure_errors

DATA_DIR = Path(__file__).resolve().parent / "data"


class LoadError(Exception):
    pass


def _indicator_fields(spec):
    levels = spec.get("levels", [])
    unknown = set(levels) - set(LEVEL_FLAGS)
    if unknown:
        raise LoadError(_("Unknown levels: %(levels)s.") % {"levels": ", ".join(sorted(unknown))})
    return {
        "code": spec["code"],
        "name": spec["name"],
        "name_en": spec.get("name_en", ""),
        "description": spec.get("description", ""),
        "kind": spec.get("kind", "count"),
        "unit": spec.get("unit", ""),
        "unit_en": spec.get("unit_en", ""),
        "numerator": spec.get("numerator", ""),
        "denominator": spec.get("denominator", ""),
        "title": spec.get("title", ""),
        "measure": spec.get("measure", ""),
        "required": spec.get("required", True),
        "is_public": spec.get("public", True),
        "is_sample": spec.get("is_sample", False),
        **{flag: level in levels for level, flag in LEVEL_FLAGS.items()},
    }


@transaction.atomic
def load(path):
    """The set and version the file describes, created if missing; returns (version, created)."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    about, version_data = data["set"], data.get("version", {})
    indicator_set, _created = IndicatorSet.objects.get_or_create(
        code=about["code"],
        defaults={
            "name": about["name"],
            "name_en": about.get("name_en", ""),
            "kind": about.get("kind", "other"),
            "description": about.get("description", ""),
        },
    )
    number = version_data.get("number", 1)
    existing = indicator_set.versions.filter(number=number).first()
    if existing is not None:
        return existing, False
    sections = [
        (section, [_indicator_fields(spec) for spec in section.get("indicators", [])])
        for section in data.get("sections", [])
    ]
    errors = structure_errors(
        [
            {
                "code": s["code"],
                "indicators": [{"code": i["code"], **{f: i[f] for f in STRUCTURAL_FIELDS}} for i in inds],
            }
            for s, inds in sections
        ]
    )
    if errors:
        raise LoadError("\n".join(errors))
    version = IndicatorSetVersion.objects.create(
        indicator_set=indicator_set,
        number=number,
        label=version_data.get("label", ""),
        source=version_data.get("source", ""),
        notes=version_data.get("notes", ""),
    )
    for position, (spec, indicators) in enumerate(sections):
        section = Section.objects.create(
            version=version,
            sort_order=position,
            code=spec["code"],
            name=spec["name"],
            name_en=spec.get("name_en", ""),
            description=spec.get("description", ""),
            is_sample=spec.get("is_sample", False),
        )
        Indicator.objects.bulk_create(
            [Indicator(section=section, sort_order=i, **fields) for i, fields in enumerate(indicators)]
        )
    return version, True
