from django.urls import path

from . import feeds, views

app_name = "web"

SLUG = "<slug:slug>"

urlpatterns = [
    path("", views.search, name="search"),
    path("feed/", feeds.SearchFeed(), name="search-feed"),
    path("quotes/<int:pk>/", views.quote, name="quote"),
    path("quotes/<int:pk>/report/", views.report, name="report"),
    path("quotes/<int:pk>/report/sent/", views.report_sent, name="report-sent"),
    path(f"people/{SLUG}/", views.person, name="person"),
    path(f"people/{SLUG}/feed/", feeds.PersonFeed(), name="person-feed"),
    path(f"organizations/{SLUG}/", views.organization, name="organization"),
    path(f"organizations/{SLUG}/feed/", feeds.OrganizationFeed(), name="organization-feed"),
    path("articles/<int:pk>/", views.article, name="article"),
]
