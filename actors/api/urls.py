from django.urls import re_path
from rest_framework.routers import SimpleRouter

from . import views

SLUG = r"(?P<slug>[-a-zA-Z0-9_]+)"

router = SimpleRouter()
router.register("people", views.PersonViewSet, basename="person")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("affiliations", views.AffiliationViewSet, basename="affiliation")
router.register("aliases", views.AliasViewSet, basename="alias")

urlpatterns = [
    *router.urls,
    re_path(
        rf"^organizations/{SLUG}/members/$",
        views.OrganizationMemberViewSet.as_view({"get": "list"}),
        name="organization-members",
    ),
]
