from django.urls import path

from materials import views

app_name = "materials"

urlpatterns = [
    path("sessie/<int:session_id>/", views.session_material, name="session_material"),
    path("<int:material_id>/<str:filename>", views.serve_restricted_document, name="restricted_document"),
]
