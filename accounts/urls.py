from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("profiel/", views.edit_profile, name="profile_edit"),
]
