from django.urls import path

from payments import views

app_name = "payments"

urlpatterns = [
    path("<int:enrolment_id>/", views.instructions, name="instructions"),
    path("<int:enrolment_id>/factuur/", views.request_invoice, name="request_invoice"),
    path("factuur/<int:invoice_id>/", views.download_invoice, name="download_invoice"),
]
