from django.urls import path

from members import views_transfers as views

urlpatterns = [
    path("<int:pk>/transfer/", views.transfer_request_view, name="transfer_request"),
    path("transfers/", views.transfer_list, name="transfer_list"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer_detail"),
    path("transfers/<int:pk>/accept/", views.transfer_accept_view, name="transfer_accept"),
    path("transfers/<int:pk>/decline/", views.transfer_decline_view, name="transfer_decline"),
    path("transfers/<int:pk>/cancel/", views.transfer_cancel_view, name="transfer_cancel"),
]
