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
nothing to show and is left out. The images a section shows go in its dict's ``images``: their
renditions are loaded for all the page's sections at once. A section's ``stylesheets`` (static
paths) are linked in the page's <head> (``section_stylesheets``), not next to the section in the body.

For anonymous visitors each section's HTML is kept in the shared cache (``portal.pagecache.
KeptFragments``) under the tags of what it loaded and declared (``portal.cache.depends_on``). A
list can change without anything it loaded changing (the first news item is published): a
section names the models it lists in ``lists`` (page types, snippets), and any change to one of
them drops it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from wagtail import hooks

from portal.cache import depends_on
from portal.images import prefetch_renditions
from portal.pagecache import KeptFragments, model_tag


@dataclass(frozen=True)
class PageSection:
    order: int
    template: str
    get_context: Callable
    stylesheets: tuple = ()
    lists: tuple = ()


def page_sections(hook_name, page, request):
    """The sections the hooks contribute to ``page``, in order, each a dict with its ``html`` (kept or
    rendered now), ``template``, ``stylesheets`` and ``context`` (None when the HTML was kept)."""
    sections = sorted((hook() for hook in hooks.get_hooks(hook_name)), key=lambda s: s.order)
    owner = (hook_name, page._meta.label_lower, page.pk)
    names = [(*owner, section.order, section.template) for section in sections]
    kept = KeptFragments(request, names)
    contexts = {}
    for number, section in enumerate(sections):
        if names[number] not in kept.html:
            with kept.recording(names[number]):
                depends_on(*(model_tag(model) for model in section.lists))
                contexts[number] = section.get_context(page, request)
    prefetch_renditions(image for context in contexts.values() if context for image in context.get("images", ()))
    rendered = []
    for number, section in enumerate(sections):
        if number in contexts:
            context = contexts[number]
            with kept.recording(names[number]):
                html = "" if context is None else render_to_string(section.template, {"section": context}, request)
            kept.keep(names[number], html)
        if kept.html[names[number]]:
            rendered.append(
                {
                    "html": kept.html[names[number]],
                    "template": section.template,
                    "context": contexts.get(number),
                    "stylesheets": section.stylesheets,
                }
            )
    return rendered


def section_stylesheets(rendered):
    """The stylesheets the rendered sections need, each once, in order."""
    return list(dict.fromkeys(sheet for section in rendered for sheet in section["stylesheets"]))
