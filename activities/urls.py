from django.urls import path

from activities import views
from ledger.crud import urls_for

app_name = "activities"
urlpatterns = [
    *urls_for(views.activity_pages),
    path("<int:pk>/events/", views.activity_events, name="events"),
    path("<int:pk>/photos/", views.activity_photos, name="photos"),
    path("photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
    path("photos/<int:pk>/<str:size>/", views.photo_file, name="photo_file"),
]
