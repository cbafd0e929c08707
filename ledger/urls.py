from django.urls import path

from ledger import views
from ledger.crud import urls_for

app_name = "ledger"
urlpatterns = [
    path("chronicle/export/", views.chronicle_export, name="chronicle_export"),
    *urls_for(views.CHRONICLE),
]
