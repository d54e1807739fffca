from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profiel/", views.edit_profile, name="profile_edit"),
    path("gegevens.json", views.download_personal_data, name="personal_data"),
    path("verwijderen/", views.delete_account, name="delete_account"),
]
