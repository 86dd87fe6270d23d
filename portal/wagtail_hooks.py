from wagtail import hooks

from . import pagecache


# After Wagtail's own view-restriction check: a page it refuses is never marked as keepable.
@hooks.register("before_serve_page", order=100)
def mark_page_for_the_page_cache(page, request, serve_args, serve_kwargs):
    pagecache.serving_page(page, request)
