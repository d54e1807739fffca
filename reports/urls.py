from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportIndexView.as_view(), name="index"),
    path("<slug:slug>/", views.ReportView.as_view(), name="report"),
    path("<slug:slug>/export.csv", views.ReportExportView.as_view(), {"file_format": "csv"}, name="csv"),
    path("<slug:slug>/export.xlsx", views.ReportExportView.as_view(), {"file_format": "xlsx"}, name="xlsx"),
]
