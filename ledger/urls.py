from django.urls import path

from ledger import views

app_name = "ledger"
urlpatterns = [
    path("chronicle/", views.chronicle_list, name="chronicle_list"),
    path("chronicle/new/", views.chronicle_create, name="chronicle_create"),
    path("chronicle/export/", views.chronicle_export, name="chronicle_export"),
    path("chronicle/<int:pk>/", views.chronicle_detail, name="chronicle_detail"),
    path("chronicle/<int:pk>/edit/", views.chronicle_update, name="chronicle_update"),
    path("chronicle/<int:pk>/delete/", views.chronicle_delete, name="chronicle_delete"),
]
