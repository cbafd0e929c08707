"""The members app's URLs, composed from its parts (one module per part)."""

from members import urls_excel, urls_register, urls_transfers

app_name = "members"
urlpatterns = urls_register.urlpatterns + urls_transfers.urlpatterns + urls_excel.urlpatterns
