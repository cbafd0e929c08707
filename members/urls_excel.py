"""Excel import and export of members."""

from django.urls import path

from members import views_excel

urlpatterns = [
    path("import/template/", views_excel.import_template, name="import_template"),
    path("import/", views_excel.import_upload, name="import_upload"),
    path("import/<uuid:pk>/", views_excel.import_preview, name="import_preview"),
    path("import/<uuid:pk>/confirm/", views_excel.import_confirm, name="import_confirm"),
    path("import/<uuid:pk>/report/", views_excel.import_report, name="import_report"),
    path("export/", views_excel.export, name="export"),
]
