from django.urls import path

from enrolment import views

app_name = "enrolment"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("inschrijven/<int:edition_id>/", views.enrol, name="enrol"),
    path("inschrijven/<int:edition_id>/starten/", views.start_enrolment, name="start"),
    path("inschrijvingen/<int:enrolment_id>/annuleren/", views.cancel, name="cancel"),
]
