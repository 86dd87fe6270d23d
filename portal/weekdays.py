"""Weekday names as Vietnamese write them: "Thứ Tư", where Django's own catalogue says "Thứ 4".

Django's ``date`` filter translates "Monday" … "Sunday" through the active catalogues. An
app's catalogue wins over Django's, and ``portal`` comes before ``django.*`` in
INSTALLED_APPS, so the translations in ``portal/locale/vi`` are the ones used. Marking the
names here keeps ``makemessages --no-obsolete`` from dropping them from that catalogue.
"""

from django.utils.translation import gettext_noop

WEEKDAY_NAMES = (
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
)
