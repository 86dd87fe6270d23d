"""Feature sections that other apps contribute to a page (home page, campaign page, …).

A page does not import every app: each feature app registers its section through a
Wagtail hook named after the page, e.g. in ``events/wagtail_hooks.py``:

    @hooks.register("portal_home_sections")
    def upcoming_events_section():
        return PageSection(order=20, template="events/includes/home_section.html",
                           get_context=lambda page, request: {...} or None)

Hooks in use: ``portal_home_sections`` (the home page), ``portal_campaign_sections``
(a campaign page) and ``portal_learning_centre_sections`` (a community learning centre in
the network's directory: ``page`` is then the centre, an ``Organisation``). The template
receives the returned dict as ``section``; a section whose ``get_context`` returns None has
nothing to show and is left out. A section's ``stylesheets`` (static paths) are linked in the
page's <head> (``section_stylesheets``), not next to the section in the body.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks


@dataclass(frozen=True)
class PageSection:
    order: int
    template: str
    get_context: Callable
    stylesheets: tuple = ()


def page_sections(hook_name, page, request):
    sections = [hook() for hook in hooks.get_hooks(hook_name)]
    rendered = []
    for section in sorted(sections, key=lambda s: s.order):
        context = section.get_context(page, request)
        if context is not None:
            rendered.append({"template": section.template, "context": context, "stylesheets": section.stylesheets})
    return rendered


def section_stylesheets(rendered):
    """The stylesheets the rendered sections need, each once, in order."""
    return list(dict.fromkeys(sheet for section in rendered for sheet in section["stylesheets"]))
