from django.urls import re_path
from rest_framework.routers import SimpleRouter

from quotes.api.views import OrganizationQuoteViewSet, PersonQuoteViewSet

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
        rf"^people/{SLUG}/quotes/$",
        PersonQuoteViewSet.as_view({"get": "list"}),
        name="person-quotes",
    ),
    re_path(
        rf"^organizations/{SLUG}/quotes/$",
        OrganizationQuoteViewSet.as_view({"get": "list"}),
        name="organization-quotes",
    ),
    re_path(
        rf"^organizations/{SLUG}/members/$",
        views.OrganizationMemberViewSet.as_view({"get": "list"}),
        name="organization-members",
    ),
]
