from django.urls import path

from teaching import views

app_name = "teaching"

urlpatterns = [
    path("", views.my_editions, name="editions"),
    path("voorstel/", views.propose, name="propose"),
    path("edities/<int:edition_id>/deelnemers/", views.participants, name="participants"),
    path("edities/<int:edition_id>/materiaal/", views.material, name="material"),
    path("edities/<int:edition_id>/aanwezigheidslijst.pdf", views.attendance_sheet, name="attendance_sheet"),
]
