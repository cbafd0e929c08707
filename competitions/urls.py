from django.urls import path

from competitions import views

app_name = "competitions"
urlpatterns = [
    path("", views.competition_list, name="list"),
    path("new/", views.competition_create, name="create"),
    path("<int:pk>/", views.competition_detail, name="detail"),
    path("<int:pk>/edit/", views.competition_update, name="update"),
    path("<int:pk>/delete/", views.competition_delete, name="delete"),
    path("<int:pk>/copy/", views.competition_copy_view, name="copy"),
    path("<int:pk>/entries/", views.competition_entries, name="entries"),
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", views.proposal_update, name="proposal_update"),
    path("proposals/<int:pk>/delete/", views.proposal_delete, name="proposal_delete"),
    path("honours/", views.honour_list, name="honour_list"),
    path("honours/new/", views.honour_create, name="honour_create"),
    path("honours/<int:pk>/", views.honour_detail, name="honour_detail"),
    path("honours/<int:pk>/edit/", views.honour_update, name="honour_update"),
    path("honours/<int:pk>/delete/", views.honour_delete, name="honour_delete"),
]
