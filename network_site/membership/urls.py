from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "membership"

urlpatterns = [
    path("join/", views.join, name="join"),
    path("join/check-your-email/", views.join_sent, name="join_sent"),
    path("join/received/", views.join_received, name="join_received"),
    path("account/", views.account, name="account"),
    path("account/home/", views.home, name="home"),
    path("account/data/", views.my_data, name="my_data"),
    path("account/data/download/", views.download_my_data, name="download_my_data"),
    path("account/delete/", views.delete_my_account, name="delete_account"),
    path("account/deleted/", views.account_deleted, name="account_deleted"),
    path("members/", views.directory, name="directory"),
    path("members/<int:profile_id>/contact/", views.contact_member, name="contact"),
    path("email/unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    # These replace allauth's sign-up and Wagtail's two sign-in pages (the admin's, and the
    # front end's under /_util/): one way in, one way to sign in.
    path("accounts/signup/", RedirectView.as_view(pattern_name="membership:join")),
    path("admin/login/", views.admin_login, name="admin_login"),
    path("_util/login/", views.to_site_sign_in, name="frontend_login"),
]
