from django.contrib import admin
from django.urls import include, path

from config.api.health import HealthView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("config.api.urls")),
    path("healthz", HealthView.as_view(), name="healthz"),
    path("", include("web.urls")),  # the journalists' site
]
