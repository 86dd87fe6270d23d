"""Scoring a self-assessment against the snapshot of its criteria: plain functions, no database.

The snapshot (``snapshot(criteria_set)``) is what an assessment keeps of the criteria it was
scored against. Answers are ``{code: {"value": "…", "note": "…"}}``: a number of points, "yes" or
"no", or a number, as typed. The same rules run in ``static/js/evaluation.js`` to score as the
person types; the server's result is the one that counts.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .models import CriterionKind

YES, NO = "yes", "no"


def _text(value):
    return "" if value is None else str(value)


def snapshot(criteria_set):
    """Everything scoring and the pages need from a criteria set, as JSON."""
    return {
        "set_id": criteria_set.pk,
        "title": criteria_set.title,
        "version": criteria_set.version,
        "name": criteria_set.name,
        "legal_basis": criteria_set.legal_basis,
        "is_sample": criteria_set.is_sample,
        "introduction": criteria_set.introduction,
        "pass_points": _text(criteria_set.pass_points),
        "min_criteria_met": criteria_set.min_criteria_met,
        "criteria": [
            {
                "code": c.code.strip(),
                "group": c.group,
                "text": c.text,
                "guidance": c.guidance,
                "kind": c.kind,
                "max_points": _text(c.max_points),
                "target": _text(c.target),
                "unit": c.unit,
                "mandatory": c.mandatory,
                "requires_evidence": c.requires_evidence,
            }
            for c in criteria_set.criteria.all()
        ],
    }


def number(value):
    """A typed number (Vietnamese write 2,5 for 2.5), or None when it is not one."""
    text = _text(value).strip().replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        result = Decimal(text)
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


@dataclass
class CriterionResult:
    criterion: dict
    value: str
    note: str
    answered: bool
    points: Decimal
    met: bool
    evidence_missing: bool
    invalid: bool = False


@dataclass
class Result:
    criteria: list = field(default_factory=list)
    total: Decimal = Decimal(0)
    max_total: Decimal = Decimal(0)
    pass_points: Decimal = Decimal(0)
    criteria_met: int = 0
    min_criteria_met: int = 0

    @property
    def unanswered(self):
        return [r for r in self.criteria if not r.answered]

    @property
    def evidence_missing(self):
        return [r for r in self.criteria if r.evidence_missing]

    @property
    def mandatory_unmet(self):
        return [r for r in self.criteria if r.criterion["mandatory"] and not r.met]

    @property
    def is_complete(self):
        """Every criterion answered and every required piece of evidence attached: ready to submit."""
        return not self.unanswered and not self.evidence_missing

    @property
    def reaches_points(self):
        return self.total >= self.pass_points

    @property
    def reaches_count(self):
        return self.criteria_met >= self.min_criteria_met

    @property
    def is_eligible(self):
        """The thresholds are reached: enough points, enough criteria met, every mandatory one met."""
        return self.reaches_points and self.reaches_count and not self.mandatory_unmet

    def groups(self):
        """The criteria under their group headings, in order, with each group's points."""
        groups = []
        for item in self.criteria:
            name = item.criterion["group"]
            if not groups or groups[-1]["name"] != name:
                groups.append({"name": name, "criteria": [], "points": Decimal(0), "max_points": Decimal(0)})
            groups[-1]["criteria"].append(item)
            groups[-1]["points"] += item.points
            groups[-1]["max_points"] += number(item.criterion["max_points"]) or 0
        return groups


def score_criterion(criterion, answer, has_evidence):
    value = _text((answer or {}).get("value")).strip()
    note = _text((answer or {}).get("note"))
    most = number(criterion["max_points"]) or Decimal(0)
    target = number(criterion["target"])
    points, met, answered, invalid = Decimal(0), False, False, False
    kind = criterion["kind"]
    if kind == CriterionKind.YES_NO:
        answered = value in (YES, NO)
        met = value == YES
        points = most if met else Decimal(0)
    else:
        amount = number(value)
        invalid = bool(value) and (amount is None or amount < 0)
        answered = amount is not None and amount >= 0
        if answered and kind == CriterionKind.POINTS:
            points = min(amount, most)
            met = points >= target if target is not None else points > 0
        elif answered:
            met = target is not None and amount >= target
            points = most if met else Decimal(0)
    evidence_missing = criterion["requires_evidence"] and not has_evidence
    return CriterionResult(criterion, value, note, answered, points, met, evidence_missing, invalid)


def score(criteria, answers, evidence_codes=()):
    """The result of ``answers`` against the snapshot ``criteria``; ``evidence_codes`` are the codes
    of the criteria that have at least one file attached."""
    evidence_codes = set(evidence_codes)
    result = Result(
        pass_points=number(criteria.get("pass_points")) or Decimal(0),
        min_criteria_met=int(criteria.get("min_criteria_met") or 0),
    )
    for criterion in criteria.get("criteria", []):
        item = score_criterion(criterion, answers.get(criterion["code"]), criterion["code"] in evidence_codes)
        result.criteria.append(item)
        result.total += item.points
        result.max_total += number(criterion["max_points"]) or Decimal(0)
        result.criteria_met += item.met
    return result
