import pytest
from django.contrib.auth.models import Group, User
from django.utils import translation

from evaluation import access
from evaluation.models import ReviewerAssignment
from network.models import AreaKind
from tests.factories.evaluation import EvaluationPageFactory, PeriodFactory
from tests.factories.network import AreaFactory, city


@pytest.fixture(autouse=True)
def _evaluation_settings(settings, tmp_path):
    settings.EVALUATION_RATE_LIMIT = 0
    settings.EVALUATION_MAILS_PER_ADDRESS = 0
    settings.EVALUATION_EVIDENCE_ROOT = tmp_path / "evidence"
    # Messages from services are read in Vietnamese, whatever language an earlier request left active.
    with translation.override("vi"):
        yield


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (the e-mails) as the real transaction would."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def hcmc(db):
    return city()


@pytest.fixture
def ward(hcmc):
    return AreaFactory(name="Phường Sài Gòn", code="79-001", parent=hcmc)


@pytest.fixture
def other_ward(hcmc):
    return AreaFactory(name="Phường Bàn Cờ", code="79-005", parent=hcmc)


@pytest.fixture
def far_ward(db):
    haiphong = city(name="Thành phố Hải Phòng", code="31")
    return AreaFactory(name="Phường Lê Chân", code="31-005", kind=AreaKind.WARD, parent=haiphong)


@pytest.fixture
def period(db):
    return PeriodFactory()


@pytest.fixture
def evaluation_page(home_page):
    return EvaluationPageFactory(parent=home_page)


@pytest.fixture
def make_reviewer(db):
    def make(username, *areas):
        user = User.objects.create_user(username, f"{username}@example.org", "x")
        user.groups.add(Group.objects.get(name=access.REVIEWERS_GROUP))
        for area in areas:
            ReviewerAssignment.objects.create(user=user, area=area)
        return user

    return make
