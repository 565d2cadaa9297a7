from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views
from .extraction import ExtractView

router = SimpleRouter()
router.register("quotes", views.QuoteViewSet, basename="quote")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("publishers", views.PublisherViewSet, basename="publisher")
router.register("topics", views.TopicViewSet, basename="topic")

urlpatterns = [
    *router.urls,
    path("extract/", ExtractView.as_view(), name="extract"),
]
