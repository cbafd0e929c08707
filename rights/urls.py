from django.urls import path

from ledger.crud import urls_for
from rights import views

app_name = "rights"
urlpatterns = [
    path("", views.index, name="index"),
    path("sessions/<int:pk>/resolutions/new/", views.resolution_create,
         name="resolution_create"),
    path("resolutions/<int:pk>/edit/", views.resolution_update, name="resolution_update"),
    path("resolutions/<int:pk>/delete/", views.resolution_delete_view,
         name="resolution_delete"),
]
for register in views.REGISTERS:
    urlpatterns += urls_for(register)
