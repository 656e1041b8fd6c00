from csp.middleware import CSPMiddleware, PolicyParts

# Wagtail's editor interface ships inline scripts and styles whose content changes per page,
# so they cannot be listed by hash. Only the admin, open to signed-in editors alone, gets
# 'unsafe-inline'; every public page keeps the strict policy.
ADMIN_PREFIX = "/admin/"
ADMIN_POLICY_ADDITIONS = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith(ADMIN_PREFIX) and parts.update is None:
            parts.update = ADMIN_POLICY_ADDITIONS
        return parts
