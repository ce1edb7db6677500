"""The site's URLs, plus uploaded media: DEBUG is off here as in production, where the proxy
serves /media/, so Django must serve it itself for images to show in the browser tests."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
