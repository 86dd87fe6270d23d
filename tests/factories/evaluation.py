import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from evaluation import services
from evaluation.models import AssessmentPeriod, CriteriaSet, Criterion, CriterionKind, EvaluationPage
from network.models import LearningTitle
from search.text import fold
from tests.factories.home import PageFactory

# code, group, kind, points, target, mandatory, evidence
DEFAULT_CRITERIA = [
    ("1.1", "I. Học tập", CriterionKind.YES_NO, 30, None, True, True),
    ("1.2", "I. Học tập", CriterionKind.POINTS, 30, 15, False, False),
    ("2.1", "II. Kết quả", CriterionKind.NUMBER, 20, 40, False, False),
    ("2.2", "II. Kết quả", CriterionKind.YES_NO, 20, None, False, False),
]
# Answers to DEFAULT_CRITERIA that reach every threshold (100 points).
FULL_MARKS = {
    "1.1": {"value": "yes"},
    "1.2": {"value": "30"},
    "2.1": {"value": "45"},
    "2.2": {"value": "yes"},
}


class CriteriaSetFactory(factory.django.DjangoModelFactory):
    title = LearningTitle.LEARNING_CITIZEN
    version = factory.Sequence(lambda n: f"Thử nghiệm {n}")
    name = "Bộ tiêu chí thử nghiệm"
    pass_points = Decimal(70)

    class Meta:
        model = CriteriaSet
        skip_postgeneration_save = True

    @factory.post_generation
    def rows(self, create, extracted, **kwargs):
        for position, (code, group, kind, points, target, mandatory, evidence) in enumerate(
            DEFAULT_CRITERIA if extracted is None else extracted
        ):
            Criterion.objects.create(
                criteria_set=self,
                sort_order=position,
                code=code,
                group=group,
                text=f"Tiêu chí {code} về học tập suốt đời",
                kind=kind,
                max_points=Decimal(points),
                target=None if target is None else Decimal(target),
                unit="giờ" if kind == CriterionKind.NUMBER else "",
                mandatory=mandatory,
                requires_evidence=evidence,
            )


class PeriodFactory(factory.django.DjangoModelFactory):
    title = LearningTitle.LEARNING_CITIZEN
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    criteria_set = factory.SubFactory(CriteriaSetFactory, title=factory.SelfAttribute("..title"))
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))

    class Meta:
        model = AssessmentPeriod


class EvaluationPageFactory(PageFactory):
    title = "Đánh giá danh hiệu học tập"
    slug = "danh-gia"

    class Meta:
        model = EvaluationPage


def start(period, area, name="Nguyễn Thị Mai", email=None, organisation=None, **kwargs):
    """A draft started through the service, as the public form does."""
    email = email or ".".join(fold(name).split()) + "@example.org"
    request = services.StartRequest(
        period=period,
        subject_name=name,
        contact_name=kwargs.pop("contact_name", name),
        email=email,
        area=area,
        organisation=organisation,
        **kwargs,
    )
    return services.start(request).assessment


def png_upload(name="minh-chung.png", size=(40, 30)):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def submitted(period, area, name="Nguyễn Thị Mai", answers=None, **kwargs):
    assessment = start(period, area, name=name, **kwargs)
    services.save_draft(assessment, answers or FULL_MARKS, uploads=[("1.1", png_upload())])
    return services.submit(assessment, consent=True)
