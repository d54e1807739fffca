from django.urls import path

from partner_contacts import views

app_name = "partner_contacts"

urlpatterns = [
    path("", views.own_organisation, name="own_organisation"),
    path("<slug:slug>/deelname/", views.participation, name="participation"),
    path("<slug:slug>/deelname/cijfers.csv", views.export, {"part": "cijfers", "extension": "csv"}, name="counts_csv"),
    path("<slug:slug>/deelname/leden.csv", views.export, {"part": "leden", "extension": "csv"}, name="members_csv"),
    path("<slug:slug>/deelname.xlsx", views.export, {"part": "alles", "extension": "xlsx"}, name="xlsx"),
]
