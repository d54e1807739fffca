from django.urls import path

from evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("bedankt/", views.thanks, name="thanks"),
    path("<str:token>/", views.answer, name="answer"),
]
