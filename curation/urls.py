from django.urls import path

from curation import views

app_name = "curation"

urlpatterns = [
    path("", views.request_form, name="request_form"),
    path("bedankt/", views.thanks, name="thanks"),
    path("openbaar/", views.public_list, name="public_list"),
    path("openbaar/<int:request_id>/steunen/", views.support, name="support"),
]
