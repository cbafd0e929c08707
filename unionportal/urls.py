from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from unionportal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("health/ready/", views.readiness, name="health_ready"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(),
         name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("organisations/", include("organisations.urls")),
    path("ledger/", include("ledger.urls")),
    path("jobs/", include("jobs.urls")),
    path("members/", include("members.urls")),
    path("competitions/", include("competitions.urls")),
    path("activities/", include("activities.urls")),
    path("rights/", include("rights.urls")),
    path("welfare/", include("welfare.urls")),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]

