from django.urls import path

from organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_tree, name="tree"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("switch-role/", views.switch_role, name="switch_role"),
]
