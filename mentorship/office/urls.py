from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/issued/", views.accounts_issued, name="accounts-issued"),
]
