from django.urls import path

from . import views

urlpatterns = [
    path("ask-me/", views.asking_choice, name="ripples_asking"),
    path("stories/<int:story_id>/update/", views.write_update, name="ripples_write_update"),
    path("stories/<int:story_id>/tried/", views.write_what_i_tried, name="ripples_write_tried"),
]
