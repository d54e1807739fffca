from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("partners/", views.partner_index, name="index"),
    path("partners/<slug:slug>/", views.partner_detail, name="detail"),
    path("embed/", views.share_offer, name="share"),
    path("embed/aanbod/", views.embed_offer, name="embed_offer"),
    path("via/<slug:slug>/", views.via, name="via"),
]
