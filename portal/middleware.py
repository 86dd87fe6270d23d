"""Security headers: a Content-Security-Policy for the public site and another for the admin,
and a Permissions-Policy. (Django's SecurityMiddleware already sends Cross-Origin-Opener-Policy,
X-Content-Type-Options and Referrer-Policy.)"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def is_admin(request):
    return request.path_info.startswith(ADMIN_PREFIXES)


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policies under the admin's addresses.

    The public policy allows no inline script (settings.CONTENT_SECURITY_POLICY). Wagtail's
    editor still writes a few inline scripts (inline panels, date pickers), so the admin enforces
    a policy that allows them but nothing from other sites, and reports, without enforcing, what a
    policy without inline scripts would block (settings.ADMIN_CONTENT_SECURITY_POLICY*).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if is_admin(request) and parts.config is None:
            config = (
                settings.ADMIN_CONTENT_SECURITY_POLICY_REPORT_ONLY
                if report_only
                else settings.ADMIN_CONTENT_SECURITY_POLICY
            )
            return PolicyParts(config["DIRECTIVES"], parts.update, parts.replace, parts.nonce)
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
