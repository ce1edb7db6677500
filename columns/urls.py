"""Language-neutral endpoints of the columns: the CSRF token and the view beacon."""

from django.urls import path

from . import views

app_name = "columns"

urlpatterns = [
    path("api/csrf/", views.csrf_token, name="csrf"),
    path("api/views/<int:page_id>/", views.count_view, name="count_view"),
]
