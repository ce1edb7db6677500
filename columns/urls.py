"""Language-neutral endpoints: robots.txt, the sitemap, the CSRF token and the view beacon."""

from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from . import views
from .sitemaps import AllLanguagesSitemap

app_name = "columns"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": AllLanguagesSitemap}},
        name="sitemap",
    ),
    path("api/csrf/", views.csrf_token, name="csrf"),
    path("api/views/<int:page_id>/", views.count_view, name="count_view"),
]
