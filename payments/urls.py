from django.urls import path

from payments import views

app_name = "payments"

urlpatterns = [
    path("<int:enrolment_id>/", views.instructions, name="instructions"),
]
