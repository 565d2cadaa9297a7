"""Swagger UI and ReDoc, served whole from this host (drf-spectacular-sidecar's files).

Their pages name no other host, and a Content-Security-Policy keeps the browser from loading
anything from one: ReDoc's bundle shows a logo from its maker's CDN, which is blocked (and then
hidden), and its fonts are the reader's own instead of Google's.
"""

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # The pages start the viewers with an inline script; Swagger UI compiles schemas.
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "worker-src 'self' blob:",
        "connect-src 'self'",
    ]
)


class LocalOnlyMixin:
    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response


class SwaggerView(LocalOnlyMixin, SpectacularSwaggerView):
    pass


class RedocView(LocalOnlyMixin, SpectacularRedocView):
    template_name = "api/redoc.html"
