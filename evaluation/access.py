"""Who sees which assessments: reviewers their areas' (and the areas below), superusers all.

Every view and export reads assessments, decisions and certificates through these querysets,
so that a reviewer who types another area's address gets a 404, not the data.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.services import AreaGraph

# Group names are Vietnamese: they are what the association's administrators read in the admin.
# The security stream requires two-factor sign-in for REVIEWERS_GROUP (it sees personal data).
REVIEWERS_GROUP = "Người thẩm định danh hiệu"
EDITORS_GROUP = "Biên tập bộ tiêu chí danh hiệu"

REVIEW_PERMISSION = "evaluation.change_assessment"
VIEW_PERMISSION = "evaluation.view_assessment"
DECIDE_PERMISSION = "evaluation.add_recognitiondecision"

GROUP_PERMISSIONS = {
    REVIEWERS_GROUP: [
        ("wagtailadmin", "admin", "access_admin"),
        ("evaluation", "assessment", "view_assessment"),
        ("evaluation", "assessment", "change_assessment"),
        ("evaluation", "recognitiondecision", "view_recognitiondecision"),
        ("evaluation", "recognitiondecision", "add_recognitiondecision"),
        ("evaluation", "criteriaset", "view_criteriaset"),
        ("evaluation", "assessmentperiod", "view_assessmentperiod"),
    ],
    EDITORS_GROUP: [
        ("wagtailadmin", "admin", "access_admin"),
        *(
            ("evaluation", model, f"{action}_{model}")
            for model in ("criteriaset", "assessmentperiod")
            for action in ("add", "change", "delete", "view")
        ),
    ],
}
GROUP_DESCRIPTIONS = {
    REVIEWERS_GROUP: _("Reviews self-assessments of their assigned areas and issues recognition decisions."),
    EDITORS_GROUP: _("Edits the criteria sets of the learning titles and the assessment periods."),
}


def ensure_groups(sender=None, using="default", **kwargs):
    """Create the two groups once, with their permissions; administrators may change them afterwards."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    # post_migrate reaches this app before django.contrib.auth makes its permissions.
    create_permissions(global_apps.get_app_config("evaluation"), verbosity=0, using=using)
    for name, wanted in GROUP_PERMISSIONS.items():
        group, created = Group.objects.using(using).get_or_create(name=name)
        if not created:
            continue
        query = Q(pk__in=[])
        for app_label, model, codename in wanted:
            query |= Q(content_type__app_label=app_label, content_type__model=model, codename=codename)
        group.permissions.set(Permission.objects.using(using).filter(query))


def _allowed(user, permission):
    return user.is_active and (user.is_superuser or user.has_perm(permission))


def _assigned_area_ids(user):
    # Asked by the menu, the permission checks and the list of one request: read once per user object.
    cached = getattr(user, "_evaluation_area_ids", None)
    if cached is None:
        cached = user._evaluation_area_ids = list(user.evaluation_assignments.values_list("area_id", flat=True))
    return cached


def can_view(user):
    return _allowed(user, VIEW_PERMISSION) and (user.is_superuser or bool(_assigned_area_ids(user)))


def can_review(user):
    return _allowed(user, REVIEW_PERMISSION)


def can_decide(user):
    return _allowed(user, DECIDE_PERMISSION)


def area_ids(user, graph=None):
    """The areas the user may see, or None for every area (superusers)."""
    if user.is_superuser:
        return None
    if not (user.is_active and user.has_perm(VIEW_PERMISSION)):
        return set()
    assigned = _assigned_area_ids(user)
    if not assigned:
        return set()
    graph = graph or AreaGraph()
    # Every area below, of any time: a reviewer of a district keeps seeing its wards' past assessments.
    return {below for area_id in assigned if area_id in graph.nodes for below in graph.descendants(area_id)}


def _scoped(queryset, user, field):
    areas = area_ids(user)
    if areas is None:
        return queryset
    return queryset.filter(**{f"{field}__in": areas})


def assessments(user):
    from .models import Assessment

    return _scoped(Assessment.objects.all(), user, "area_id")


def decisions(user):
    from .models import RecognitionDecision

    return _scoped(RecognitionDecision.objects.all(), user, "area_id")


def certificates(user):
    from .models import Certificate

    return _scoped(Certificate.objects.all(), user, "assessment__area_id")


def areas(user):
    """The areas a reviewer may choose for a decision: their assigned areas and those below."""
    from network.models import Area

    return _scoped(Area.objects.all(), user, "pk")
