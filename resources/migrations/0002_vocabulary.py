from django.db import migrations

TOPICS = [
    ("ky-nang-so", "Kỹ năng số", "Digital skills"),
    ("van-hoa-doc", "Văn hóa đọc", "Reading culture"),
    ("ky-nang-nghe", "Kỹ năng nghề", "Vocational skills"),
    ("nuoi-day-con", "Nuôi dạy con", "Parenting"),
    ("suc-khoe", "Sức khỏe", "Health"),
    ("phap-luat", "Pháp luật", "Law"),
    ("ngoai-ngu", "Ngoại ngữ", "Foreign languages"),
    ("chinh-sach-xa-hoi-hoc-tap", "Chính sách xã hội học tập", "Learning-society policy"),
]
AUDIENCES = [
    ("tre-em", "Trẻ em", "Children"),
    ("hoc-sinh", "Học sinh", "Pupils"),
    ("nguoi-lon", "Người lớn", "Adults"),
    ("nguoi-cao-tuoi", "Người cao tuổi", "Elderly people"),
    ("nguoi-lao-dong", "Công nhân, người lao động", "Workers"),
    ("can-bo-cong-chuc", "Cán bộ, công chức", "Officials"),
    ("giao-vien", "Giáo viên", "Teachers"),
]


def add_vocabulary(apps, schema_editor):
    for model_name, terms in (("Topic", TOPICS), ("Audience", AUDIENCES)):
        model = apps.get_model("resources", model_name)
        for order, (slug, name, name_en) in enumerate(terms):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
