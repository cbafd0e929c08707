"""The register's own pages: list and search, detail, full view, entry, edit, leaving."""

from django.urls import path

from members import views

urlpatterns = [
    path("", views.member_list, name="list"),
    path("new/", views.member_create, name="create"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/reveal/", views.member_reveal, name="reveal"),
    path("<int:pk>/edit/", views.member_update, name="update"),
    path("<int:pk>/leave/", views.member_leave_view, name="leave"),
]
