from django.urls import path

from . import views_paper

urlpatterns = [
    path("invitations/<int:pk>/paper/", views_paper.paper_entry, name="paper-entry"),
]
