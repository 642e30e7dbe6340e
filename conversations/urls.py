from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("page/<int:page_id>/", views.page_conversation, name="page"),
    path("page/<int:page_id>/open/", views.set_responses_open, name="set_open"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/flag/", views.flag, name="flag"),
    path("questions/", views.questions, name="questions"),
    path("questions/ask/", views.ask, name="ask"),
    path("questions/<int:pk>/", views.question, name="question"),
    path("questions/<int:pk>/accept/<int:answer_pk>/", views.accept, name="accept"),
    path("questions/<int:pk>/me-too/", views.me_too, name="me_too"),
    path("mine/", views.my_contributions, name="mine"),
]
