from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from actors.api.urls import SLUG

from . import downloads, views
from .extraction import ExtractView

router = SimpleRouter()
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("publishers", views.PublisherViewSet, basename="publisher")
router.register("topics", views.TopicViewSet, basename="topic")

urlpatterns = [
    *downloads.urls("quotes", views.QuoteViewSet, "quote"),
    *downloads.urls(rf"people/{SLUG}/quotes", views.PersonQuoteViewSet, "person-quotes"),
    *downloads.urls(
        rf"organizations/{SLUG}/quotes", views.OrganizationQuoteViewSet, "organization-quotes"
    ),
    *router.urls,
    path("extract/", ExtractView.as_view(), name="extract"),
    # A person's and an organization's quotes live here: quotes depend on actors, not the
    # reverse.
    re_path(
        rf"^people/{SLUG}/quotes/$",
        views.PersonQuoteViewSet.as_view({"get": "list"}),
        name="person-quotes",
    ),
    re_path(
        rf"^organizations/{SLUG}/quotes/$",
        views.OrganizationQuoteViewSet.as_view({"get": "list"}),
        name="organization-quotes",
    ),
]
