from django.urls import path

from . import views

app_name = "following"

urlpatterns = [
    path("following/", views.index, name="index"),
    path("following/follow/", views.follow, name="follow"),
    path("following/follow/theme/", views.follow_theme, name="follow_theme"),
    path("following/follow/sector/", views.follow_sector, name="follow_sector"),
    path("following/<int:follow_id>/unfollow/", views.unfollow, name="unfollow"),
    path("following/news/<int:notification_id>/", views.open_news, name="open_news"),
    path("following/news/read/", views.mark_all_read, name="mark_all_read"),
    path("following/email/", views.preferences, name="preferences"),
    path("following/email/<str:token>/", views.email_choice, name="email_choice"),
]
