from django.urls import path

from competitions import views
from ledger.crud import urls_for

app_name = "competitions"
urlpatterns = [
    *urls_for(views.competition_pages),
    path("<int:pk>/entries/", views.competition_entries, name="entries"),
    *urls_for(views.proposal_pages),
    *urls_for(views.honour_pages),
]
