"""The home page's feature sections (current campaign, upcoming events, …).

Each feature app contributes its own section through the ``portal_home_sections`` hook, so
that the home page does not import every app:

    @hooks.register("portal_home_sections")
    def campaign_section():
        return HomeSection(order=10, template="campaigns/includes/home_section.html",
                           get_context=lambda home, request: {...} or None)

A section whose ``get_context`` returns None has nothing to show and is left out.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks


@dataclass(frozen=True)
class HomeSection:
    order: int
    template: str
    get_context: Callable


def home_sections(home, request):
    rendered = []
    for hook in hooks.get_hooks("portal_home_sections"):
        section = hook()
        context = section.get_context(home, request)
        if context is not None:
            rendered.append((section.order, section.template, context))
    return [{"template": template, "context": context} for _, template, context in sorted(rendered, key=lambda s: s[0])]
