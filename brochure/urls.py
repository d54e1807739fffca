from django.urls import path

from brochure import views

app_name = "brochure"

urlpatterns = [
    path("programma/<str:programme_year>.pdf", views.download, name="download"),
]
