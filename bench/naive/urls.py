from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("quotes", views.QuoteViewSet)
router.register("people", views.PersonViewSet)

urlpatterns = [path("api/v1/", include(router.urls))]
