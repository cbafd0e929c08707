from django.urls import path

from ledger import views
from ledger.crud import urls_for

app_name = "ledger"
urlpatterns = [
    path("chronicle/export/", views.chronicle_export, name="chronicle_export"),
    path("audit/", views.audit_log, name="audit_log"),
    *urls_for(views.CHRONICLE),
]
