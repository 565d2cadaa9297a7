from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from config.api.docs import RedocView, SwaggerView
from config.api.health import HealthView
from config.api.root import ApiRootView

api_v1 = [
    path("", ApiRootView.as_view(), name="api-root"),
    path("", include("actors.api.urls")),
    path("", include("quotes.api.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", RedirectView.as_view(pattern_name="api-root"), name="api"),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    path("healthz", HealthView.as_view(), name="healthz"),
    path("", include("web.urls")),  # the journalists' site
]
