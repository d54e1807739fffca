from django.urls import path

from attendance import views

app_name = "attendance"

urlpatterns = [
    path("lesgever/sessies/<int:session_id>/aanwezigheden/", views.roll_call, name="roll_call"),
    path("lesgever/sessies/<int:session_id>/code/", views.projector, name="projector"),
    path("inchecken/", views.enter_code, name="enter_code"),
    path("inchecken/sessie/<int:session_id>/", views.check_in_session, name="check_in_session"),
    path("inchecken/<str:code>/", views.check_in, name="check_in"),
]
