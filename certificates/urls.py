from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("attest/", views.verify_form, name="verify_form"),
    path("attest/<str:code>/", views.verify, name="verify"),
    path("mijn/attesten/leerbewijs.pdf", views.learning_record, name="learning_record"),
    path("mijn/attesten/<str:code>.pdf", views.download, name="download"),
]
