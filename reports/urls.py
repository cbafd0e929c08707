from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("open/", views.report_open, name="open"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/preview/", views.report_preview, name="preview"),
    path("<int:pk>/submit/", views.report_submit, name="submit"),
    path("<int:pk>/return/", views.report_return, name="return"),
    path("<int:pk>/approve/", views.report_approve, name="approve"),
    path("<int:pk>/reopen/", views.report_reopen, name="reopen"),
    path("<int:pk>/not-reporting/<int:organisation_id>/", views.report_not_reporting,
         name="not_reporting"),
    path("<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("<int:pk>/workbook/", views.report_workbook, name="workbook"),
]
