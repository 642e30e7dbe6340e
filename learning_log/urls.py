from django.urls import path

from . import views

app_name = "learning_log"

urlpatterns = [
    path("account/learning-log/", views.entry_list, name="list"),
    path("account/learning-log/new/", views.entry_new, name="new"),
    path("account/learning-log/<int:entry_id>/edit/", views.entry_edit, name="edit"),
    path("account/learning-log/<int:entry_id>/delete/", views.entry_delete, name="delete"),
    path("account/learning-log/export/", views.export, name="export"),
]
