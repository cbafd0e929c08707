from django.urls import path

from activities import views

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("new/", views.activity_create, name="create"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_update, name="update"),
    path("<int:pk>/delete/", views.activity_delete_view, name="delete"),
    path("<int:pk>/copy/", views.activity_copy_view, name="copy"),
    path("<int:pk>/events/", views.activity_events, name="events"),
    path("<int:pk>/photos/", views.activity_photos, name="photos"),
    path("photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
    path("photos/<int:pk>/<str:size>/", views.photo_file, name="photo_file"),
]
