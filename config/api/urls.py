"""Everything under ``/api/``, in the ``api`` namespace: ``reverse("api:quote-list")``."""

from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from .docs import RedocView, SwaggerView
from .root import ApiRootView

app_name = "api"

version_1 = [
    path("", ApiRootView.as_view(), name="root"),
    path("", include("actors.api.urls")),
    path("", include("quotes.api.urls")),
]

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="api:root"), name="index"),
    path("v1/", include(version_1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="swagger-ui"),
    path("redoc/", RedocView.as_view(url_name="api:schema"), name="redoc"),
]
