from django.urls import path

from . import views

app_name = "plain_language"
urlpatterns = [path("language-check/", views.check_text, name="check_text")]
