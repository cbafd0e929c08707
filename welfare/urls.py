from django.urls import path

from ledger.crud import record_views, urls_for
from welfare import views, views_cases, views_grants, views_rules

app_name = "welfare"

_cases = record_views(views.case_pages)
_grants = record_views(views.grant_pages)

urlpatterns = [
    path("", views.index, name="index"),
    path("cases/", views_cases.case_list, name="case_list"),
    path("cases/new/", views_cases.case_create, name="case_create"),
    path("cases/<int:pk>/", views_cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", views_cases.case_update, name="case_update"),
    path("cases/<int:pk>/delete/", _cases["delete"], name="case_delete"),
    path("cases/<int:pk>/reviews/new/", views_cases.review_create, name="review_create"),
    path("reviews/<int:pk>/edit/", views_cases.review_update, name="review_update"),
    path("reviews/<int:pk>/delete/", views_cases.review_delete_view, name="review_delete"),
    path("grants/", _grants["list"], name="grant_list"),
    path("grants/new/", views_grants.grant_create, name="grant_create"),
    path("grants/batch/", views_grants.grants_batch, name="grants_batch"),
    path("grants/waiting/", views_grants.grants_waiting, name="grants_waiting"),
    path("grants/<int:pk>/", views_grants.grant_detail, name="grant_detail"),
    path("grants/<int:pk>/edit/", views_grants.grant_update, name="grant_update"),
    path("grants/<int:pk>/delete/", _grants["delete"], name="grant_delete"),
    path("grants/<int:pk>/approve/", views_grants.grant_approve_view, name="grant_approve"),
    path("grants/<int:pk>/pay/", views_grants.grant_pay_view, name="grant_pay"),
    *urls_for(views.enrolment_pages),
    *urls_for(views.drive_pages),
    path("rules/", views_rules.rule_list, name="rule_list"),
    path("rules/new/", views_rules.rule_create, name="rule_create"),
    path("rules/<int:pk>/", views_rules.rule_detail, name="rule_detail"),
    path("rules/<int:pk>/edit/", views_rules.rule_update, name="rule_update"),
    path("rules/<int:pk>/delete/", views_rules.rule_delete_view, name="rule_delete"),
]
