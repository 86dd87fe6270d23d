"""The admin speaks Vietnamese: every string of the catalogues it loads, and the screens themselves.

The counts are computed from the installed packages' own catalogues, so a Wagtail or Django
upgrade that brings new strings fails here until `make messages` has added them to
portal/admin_locale and a translator has filled them in.
"""

import json
import re
import unicodedata

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from portal.admin_catalogue import project_app_catalogues, project_catalogue, source_catalogues
from tests.test_i18n import parse_po

# Strings whose Vietnamese is the English text: names, units and technical notations.
SAME_IN_VIETNAMESE = {"Email", "IPv4", "IPv6", "%s KB", "%s MB", "%s GB", "%s TB", "%s PB", "%(size)d byte"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdrif]|%[sdrif]|\{\w*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _entries(domain, package=""):
    """(msgctxt, msgid, msgid_plural) of every string the admin's ``domain`` catalogues hold."""
    found = {}
    for path in source_catalogues(domain):
        for entry in parse_po(path) if package in str(path) else ():
            if entry["msgid"]:
                found.setdefault((entry["msgctxt"], entry["msgid"]), entry["msgid_plural"])
    return [(context, msgid, plural) for (context, msgid), plural in found.items()]


def _needs_words(msgid):
    """Text made only of placeholders and punctuation ("%(field_label)s:", "…") stays as it is."""
    return re.search(r"[A-Za-z]", TAG.sub("", PLACEHOLDER.sub("", msgid))) and msgid not in SAME_IN_VIETNAMESE


def _untranslated(entries, translate):
    missing = []
    for context, msgid, plural in entries:
        if not _needs_words(msgid):
            continue
        english = {msgid, plural} - {None}
        if any(translate(context, msgid, plural, n) in english for n in (1, 2)):
            missing.append(f"{context}|{msgid}" if context else msgid)
    return missing


def _python_translation(context, msgid, plural, n):
    if plural and context:
        return translation.npgettext(context, msgid, plural, n)
    if plural:
        return translation.ngettext(msgid, plural, n)
    return translation.pgettext(context, msgid) if context else translation.gettext(msgid)


def test_the_sources_are_the_installed_wagtail_and_django_catalogues():
    sources = {str(path) for path in source_catalogues("django")}
    for package in ("wagtail/admin/", "wagtail/locale/", "wagtail/snippets/", "django/conf/", "django/contrib/auth/"):
        assert any(package in path for path in sources), package
    assert len(_entries("django")) > 2000
    assert len(_entries("djangojs")) > 150


def test_every_string_of_the_admin_python_catalogues_is_vietnamese():
    with translation.override("vi"):
        missing = _untranslated(_entries("django"), _python_translation)
    assert not missing, (
        f"{len(missing)} admin strings have no Vietnamese (run make messages, translate): {missing[:20]}"
    )


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        "lan", "lan@example.org", "matkhau-dai-123", first_name="Lan", last_name="Nguyễn Thị"
    )
    client.force_login(user)
    return client


def _javascript_catalogue(response):
    assert response.status_code == 200
    match = re.search(r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.DOTALL)
    assert match, "no catalogue in the JavaScript catalogue view"
    return json.loads(match.group(1))


def _untranslated_in_javascript(catalogue, entries):
    def translate(context, msgid, plural, n):
        value = catalogue.get(f"{context}\x04{msgid}" if context else msgid, msgid)
        return value[0] if isinstance(value, list) else value

    return _untranslated(entries, translate)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("view", "package"),
    [("wagtailadmin_javascript_catalog", "wagtail/admin/"), ("admin:jsi18n", "django/contrib/admin/")],
)
def test_the_javascript_catalogues_the_admins_load_are_vietnamese(admin_client, view, package):
    """What the admins' scripts read (Wagtail's admin_base.html loads the first view) holds every string."""
    catalogue = _javascript_catalogue(admin_client.get(reverse(view)))
    entries = _entries("djangojs", package)
    assert entries
    assert not _untranslated_in_javascript(catalogue, entries)
    assert catalogue["Toggle sidebar"] == "Ẩn/hiện thanh bên"  # the project's catalogue, not only Wagtail's


def test_admin_catalogue_leaves_the_project_apps_wording_alone():
    """LOCALE_PATHS overrides every app: a msgid an app translates itself must stay the app's."""
    own = {(e["msgctxt"], e["msgid"]) for path in project_app_catalogues() for e in parse_po(path) if e["msgid"]}
    admin = {(e["msgctxt"], e["msgid"]) for e in parse_po(project_catalogue("django")) if e["msgid"]}
    assert not own & admin, f"run make messages: {sorted(own & admin)[:10]}"


# A generic word Wagtail shows in its admin and an app uses in its own sense: the app's use has a
# context, so neither wording leaks into the other's screens.
@pytest.mark.parametrize(
    "msgid, admin, context, own",
    [
        ("Collections", "Bộ sưu tập", "library", "Tuyển tập"),
        ("Collection", "Bộ sưu tập", "library", "Tuyển tập"),
        ("Promote", "Quảng bá", "waiting list", "Chuyển lên"),
        ("URL", "Địa chỉ URL", "search entry", "địa chỉ"),
        ("label", "nhãn", "campaign target", "nội dung chỉ tiêu"),
        ("Format", "Cách hiển thị", "event", "Hình thức"),
        ("Breadcrumb", "Đường dẫn điều hướng", "public site", "Đường dẫn"),
    ],
)
def test_a_word_wagtail_shares_with_an_app_reads_right_in_both(msgid, admin, context, own):
    with translation.override("vi"):
        assert (translation.gettext(msgid), translation.pgettext(context, msgid)) == (admin, own)


# The catalogue's glossary (at its top): an English term, the Vietnamese every translation of it uses.
GLOSSARY = {
    r"\bsnippets?\b": "nội dung dùng chung",
    r"\bdrafts?\b": "bản nháp",
    r"\brevisions?\b": "phiên bản",
    r"\blocales?\b": "ngôn ngữ",
    r"\bcollections?\b": "bộ sưu tập",
    r"\bworkflows?\b(?! tasks?)": "quy trình",  # a workflow's task is a "bước duyệt"
    r"\bmoderation\b": "duyệt",
    r"\baliase?s?\b": "bí danh",
    r"\bredirects?\b": "chuyển hướng",
    r"\bfocal\b": "trọng tâm",
    r"\bembeds?\b": "nhúng",
}


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_catalogue_keeps_to_its_glossary(domain):
    astray = []
    for entry in parse_po(project_catalogue(domain)):
        english = PLACEHOLDER.sub(" ", TAG.sub(" ", f"{entry['msgid']} {entry['msgid_plural'] or ''}"))
        vietnamese = " ".join(entry["msgstr"].values()).lower()
        astray += [
            (entry["msgid"], term)
            for rule, term in GLOSSARY.items()
            if re.search(rule, english, re.I) and term not in vietnamese
        ]
    assert not astray, astray[:10]


def _same_form(source, text):
    """The same placeholders and HTML tags, and the same leading and trailing spaces."""
    return (
        sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source))
        and sorted(TAG.findall(text)) == sorted(TAG.findall(source))
        and (text[:1].isspace(), text[-1:].isspace()) == (source[:1].isspace(), source[-1:].isspace())
    )


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_translations_keep_every_placeholder_and_tag(domain):
    broken = [
        (entry["msgid"], text)
        for entry in parse_po(project_catalogue(domain))
        if entry["msgid"]
        for text in entry["msgstr"].values()
        if not _same_form(entry["msgid_plural"] or entry["msgid"], text)
    ]
    assert not broken, broken[:10]


# --- The screens: rendered in Vietnamese, they show no English word -----------------------------

# A Vietnamese syllable written without its tone: onset, vowel nucleus, final. English words
# almost never fit ("Save", "draft", "More", "Choose"); the few short ones that do ("to", "an")
# are no loss.
VIETNAMESE_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:uyê|uya|oai|oay|oao|oeo|uây|uôi|ươi|ươu|yêu|iêu|oă|oa|oe|uê|uy|uâ|uô|ươ|iê|yê|ưa|ưu"
    r"|ia|ua|ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|oo|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y)"
    r"(?:ch|ng|nh|c|m|n|p|t|i|o|u|y)?"
)
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Names, brands and notations a Vietnamese admin writes as they are.
WORDS_KEPT = {
    "wagtail", "url", "email", "web", "menu", "video", "byte", "kb", "mb", "gb", "id", "api", "javascript",
    "csv", "xlsx", "pdf", "rss", "atom", "isbn", "zalo", "facebook", "youtube", "vimeo", "zoom", "google", "meet",
    "khmer", "cc", "by", "nc", "sa", "nd", "tsv", "cn", "ctrl", "alt", "shift", "esc", "enter", "unesco",
}  # fmt: skip
TEXT_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-description", "data-w-tooltip-content-value")
JSON_TEXT_KEYS = {"label", "title", "help_text", "helpText", "text", "placeholder", "description", "heading"}
NOT_WORDS = re.compile(r"\S+@\S+|https?://\S+|(?<!\w)/\S*|[\w-]+\.[\w-]+")


def _is_vietnamese(word):
    bare = "".join(c for c in unicodedata.normalize("NFD", word.lower()) if c not in TONE_MARKS)
    return bool(VIETNAMESE_SYLLABLE.fullmatch(unicodedata.normalize("NFC", bare)))


def _texts(html):
    """What a person reads or hears on the screen: text, labels read aloud, and the JSON the
    admin's scripts render (the sidebar menu, StreamField blocks)."""
    soup = BeautifulSoup(html, "html.parser")
    found = []

    def walk(value, key=None):
        if isinstance(value, dict):
            for child_key, child in value.items():
                walk(child, child_key)
        elif isinstance(value, list):
            for child in value:
                walk(child, key)
        elif isinstance(value, str) and key in JSON_TEXT_KEYS:
            found.append(value)

    for script in soup.find_all("script"):
        if script.get("type") == "application/json" and script.string:
            walk(json.loads(script.string))
        script.decompose()
    for element in soup.find_all(["style", "svg"]):
        element.decompose()
    for element in soup.find_all(hidden=True):
        element.decompose()
    # Language pickers name languages in their own language; time zones are IANA names.
    for select in soup.find_all("select", attrs={"name": re.compile("preferred_language|time_zone")}):
        select.decompose()
    found.extend(soup.stripped_strings)
    for element in soup.find_all(True):
        found.extend(element[name] for name in TEXT_ATTRIBUTES if element.get(name))
        if element.name == "input" and element.get("type") in {"submit", "button"} and element.get("value"):
            found.append(element["value"])
    return found


def _english_words(html, data):
    """English words on the screen, leaving out the content editors typed (``data``, from _content)."""
    words = {}
    for text in _texts(html):
        text = unicodedata.normalize("NFC", text)  # Django names Vietnamese with a decomposed ế
        for word in re.findall(r"[^\W\d_]+", data.sub(" ", NOT_WORDS.sub(" ", text))):
            if len(word) > 1 and word.lower() not in WORDS_KEPT and not _is_vietnamese(word):
                words.setdefault(word, text)
    return words


def _content(extensions):
    """A pattern of every text stored in the database (names of groups, workflows, topics, pages...)
    and of the file extensions a help text may list."""
    from django.apps import apps
    from django.db import models

    values = set(extensions)
    for model in apps.get_models():
        if model._meta.label in {"auth.Permission", "contenttypes.ContentType"}:
            continue  # names the admin shows as its own words
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField)]
        for row in model._default_manager.values_list(*fields) if fields else ():
            values.update(value for value in row if isinstance(value, str) and len(value) > 1)
    alternatives = "|".join(re.escape(value) for value in sorted(values, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def test_the_syllable_check_tells_vietnamese_from_english():
    vietnamese = ("Lưu", "bản", "nháp", "Xuất", "Thao", "tác", "khác", "Chọn", "đơn", "vị", "nghiêng", "quyền")
    english = ("Save", "draft", "More", "actions", "Choose", "Publish", "Page", "title", "Locale")
    assert all(_is_vietnamese(word) for word in vietnamese)
    assert not any(_is_vietnamese(word) for word in english)


@pytest.fixture
def site_content(home_page):
    """One page of every type, a document, an image, a collection, a redirect, a promoted result."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from tests.factories import campaigns, events, home, news, resources

    campaign_index = campaigns.CampaignIndexPageFactory(parent=home_page)
    story_index = campaigns.StoryIndexPageFactory(parent=home_page)
    news_index = news.NewsIndexPageFactory(parent=home_page)
    event_index = events.EventIndexPageFactory(parent=home_page)
    library = resources.LibraryPageFactory(parent=home_page)
    pages = [
        home_page,
        home.StandardPageFactory(parent=home_page, title="Giới thiệu"),
        campaign_index,
        campaigns.CampaignPageFactory(parent=campaign_index),
        story_index,
        campaigns.StoryPageFactory(parent=story_index),
        news_index,
        news.NewsPageFactory(parent=news_index),
        event_index,
        events.EventPageFactory(parent=event_index),
        library,
        resources.ResourcePageFactory(parent=library),
    ]
    buffer = BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    image = get_image_model().objects.create(title="Lễ phát động", file=ImageFile(buffer, name="le-phat-dong.png"))
    collection = Collection.get_first_root_node().add_child(name="Ảnh sự kiện")
    redirect = Redirect.objects.create(old_path="/thang-khuyen-hoc", redirect_page=pages[3])
    query = Query.get("khuyến học")
    SearchPromotion.objects.create(query=query, page=pages[3], sort_order=0)
    return {
        "pages": pages,
        "document": resources.DocumentFactory(),
        "image": image,
        "collection": collection,
        "redirect": redirect,
        "query": query,
    }


def _screens(content, user):
    """The admin screens an editor works in, as URLs."""
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.models import Page, Task, Workflow, get_page_models
    from wagtail.snippets.models import get_snippet_models

    pages = content["pages"]
    campaign = pages[3]
    named = [
        ("wagtailadmin_home", ()),
        ("wagtailadmin_explore_root", ()),
        ("wagtailadmin_explore", (pages[0].pk,)),
        ("wagtailadmin_pages:add_subpage", (pages[0].pk,)),
        ("wagtailadmin_pages:history", (campaign.pk,)),
        ("wagtailadmin_pages:revisions_index", (campaign.pk,)),
        ("wagtailadmin_pages:copy", (campaign.pk,)),
        ("wagtailadmin_pages:move", (campaign.pk,)),
        ("wagtailadmin_pages:delete", (campaign.pk,)),
        ("wagtailadmin_pages:unpublish", (campaign.pk,)),
        ("wagtailadmin_pages:set_privacy", (campaign.pk,)),
        ("wagtailadmin_pages:usage", (campaign.pk,)),
        ("wagtailadmin_pages:workflow_history", (campaign.pk,)),
        ("wagtailsnippets:index", ()),
        ("wagtailimages:index", ()),
        ("wagtailimages:add_multiple", ()),
        ("wagtailimages:edit", (content["image"].pk,)),
        ("wagtaildocs:index", ()),
        ("wagtaildocs:add_multiple", ()),
        ("wagtaildocs:edit", (content["document"].pk,)),
        ("wagtailusers_users:index", ()),
        ("wagtailusers_users:add", ()),
        ("wagtailusers_users:edit", (user.pk,)),
        ("wagtailusers_groups:index", ()),
        ("wagtailusers_groups:add", ()),
        ("wagtailadmin_account", ()),
        ("wagtailadmin_workflows:index", ()),
        ("wagtailadmin_workflows:add", ()),
        ("wagtailadmin_workflows:edit", (Workflow.objects.first().pk,)),
        ("wagtailadmin_workflows:task_index", ()),
        ("wagtailadmin_workflows:edit_task", (Task.objects.first().pk,)),
        ("wagtailadmin_reports:locked_pages", ()),
        ("wagtailadmin_reports:workflow", ()),
        ("wagtailadmin_reports:workflow_tasks", ()),
        ("wagtailadmin_reports:site_history", ()),
        ("wagtailadmin_reports:aging_pages", ()),
        ("wagtailadmin_reports:page_types_usage", ()),
        ("wagtailadmin_collections:index", ()),
        ("wagtailadmin_collections:add", ()),
        ("wagtailadmin_collections:edit", (content["collection"].pk,)),
        ("wagtailsites:index", ()),
        ("wagtailsites:add", ()),
        ("wagtaillocales:index", ()),
        ("wagtaillocales:add", ()),
        ("wagtailredirects:index", ()),
        ("wagtailredirects:add", ()),
        ("wagtailredirects:edit", (content["redirect"].pk,)),
        ("wagtailredirects:start_import", ()),
        ("wagtailsearchpromotions:index", ()),
        ("wagtailsearchpromotions:add", ()),
        ("wagtailsearchpromotions:edit", (content["query"].pk,)),
        ("wagtailsearchpromotions:search_terms", ()),
    ]
    urls = [reverse(name, args=args) for name, args in named]
    urls.append(reverse("wagtailadmin_pages:search") + "?q=khuyến+học")
    urls.extend(reverse("wagtailadmin_pages:edit", args=(page.pk,)) for page in pages)
    for model in get_page_models():
        if model._meta.abstract or not model.is_creatable:
            continue
        parent = next((page for page in [Page.get_first_root_node(), *pages] if model.can_create_at(page)), None)
        if parent:  # the home page, one per language, can have no second; its edit view is scanned
            urls.append(
                reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))
            )
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        urls.extend([reverse(viewset.get_url_name("list")), reverse(viewset.get_url_name("add"))])
        instance = model._default_manager.first()
        if instance:
            urls.append(reverse(viewset.get_url_name("edit"), args=(instance.pk,)))
    urls.extend(
        reverse("wagtailsettings:edit", args=(m._meta.app_label, m._meta.model_name)) for m in settings_registry
    )
    return urls


@pytest.mark.django_db
def test_the_admin_screens_show_no_english(client, django_user_model, site_content, settings):
    user = django_user_model.objects.create_superuser(
        "lan", "lan@example.org", "matkhau-dai-123", first_name="Lan", last_name="Nguyễn Thị"
    )
    client.force_login(user)
    urls = _screens(site_content, user)
    extensions = [*settings.WAGTAILDOCS_EXTENSIONS, "avif", "gif", "jpg", "jpeg", "png", "webp", "heic"]
    data = _content(extensions + [e.upper() for e in extensions])
    english = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        if response["Content-Type"] == "application/json":  # a dialog's content
            html = response.json()["html"]
        for word, text in _english_words(html, data).items():
            english.setdefault(url, []).append(f"{word} ← {text[:80]!r}")
    client.logout()
    for name in ("wagtailadmin_login", "wagtailadmin_password_reset"):
        html = client.get(reverse(name)).content.decode()
        english.update({name: list(words)} if (words := _english_words(html, data)) else {})
    assert len(urls) > 70
    assert not english, json.dumps(english, ensure_ascii=False, indent=1)


# --- Templates the project overrides because Wagtail writes English into them --------------------

# Each override is Wagtail's template with only these changes. A Wagtail upgrade that changes the
# original fails here, so that the copy is brought up to date instead of silently going stale.
TEMPLATE_OVERRIDES = {
    "wagtailadmin/home.html": [('value="Search"', "value=\"{% translate 'Search' %}\"")],
    "wagtailadmin/shared/header.html": [('value="Search"', "value=\"{% translate 'Search' %}\"")],
    "wagtailadmin/shared/headers/_actions.html": [
        ("{# Actions divider #}", "{% load i18n %}{# Actions divider #}"),
        ('aria-label="Actions"', "aria-label=\"{% translate 'Actions' %}\""),
    ],
    "wagtailadmin/shared/user_avatar.html": [
        ("{% load wagtailadmin_tags %}", "{% load i18n wagtailadmin_tags %}"),
        (
            "{% if not username %}{{ user }}{% else %}{{ username }}{% endif %}",
            '{% if username %}{{ username }}{% elif user %}{{ user }}{% else %}{% translate "System" %}{% endif %}',
        ),
    ],
    "wagtailadmin/tables/boolean_cell.html": [
        ("{% load wagtailadmin_tags %}", "{% load i18n wagtailadmin_tags %}"),
        *(
            (
                f"{{% icon title=value|stringformat:'s' name=\"{icon}\"",
                f'{{% translate "{label}" as label %}}{{% icon title=label name="{icon}"',
            )
            for icon, label in (("help", "Unknown"), ("check", "Yes"), ("cross", "No"))
        ),
    ],
    "wagtailembeds/embed_editor.html": [
        ('<div class="embed-placeholder"', '{% load i18n %}<div class="embed-placeholder"'),
        *((f"<p>{label} ", f'<p>{{% translate "{label}" %}} ') for label in ("URL:", "Provider:", "Author:")),
    ],
    "wagtailusers/groups/includes/formatted_permissions.html": [
        (
            f"{{{{ content_perms_dict.{action}.perm.name }}}}",
            "{% blocktranslate with object=content_perms_dict.object %}"
            f"Can {action} {{{{ object }}}}"
            "{% endblocktranslate %}",
        )
        for action in ("add", "change", "delete")
    ],
}


@pytest.mark.parametrize("name", sorted(TEMPLATE_OVERRIDES))
def test_template_override_is_wagtails_own_with_its_english_translated(name):
    from pathlib import Path

    from django.apps import apps
    from django.template.loader import get_template

    ours = Path(get_template(name).origin.name)
    assert ours == Path(apps.get_app_config("portal").path) / "templates" / name, "the override is not the one used"
    (upstream,) = [
        Path(app.path) / "templates" / name
        for app in apps.get_app_configs()
        if app.name.startswith("wagtail") and (Path(app.path) / "templates" / name).exists()
    ]
    expected = upstream.read_text(encoding="utf-8")
    for english, translated in TEMPLATE_OVERRIDES[name]:
        assert english in expected, f"Wagtail changed {name}: bring the override up to date"
        expected = expected.replace(english, translated)
    assert ours.read_text(encoding="utf-8") == expected, f"{name} differs from Wagtail's beyond its translations"
