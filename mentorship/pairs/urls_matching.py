from django.urls import path

from . import views_matching

urlpatterns = [
    path("matching/", views_matching.matching_list, name="matching"),
    path("matching/proposal/", views_matching.matching_proposal, name="matching-proposal"),
    path("matching/<int:pk>/", views_matching.matching_mentee, name="matching-mentee"),
    path("new/", views_matching.pair_create_view, name="pair-create"),
]
