from django.urls import path

from . import urls_matching, urls_orders, views_status

app_name = "pairs"
urlpatterns = [
    path("<int:pk>/activate/", views_status.pair_activate_view, name="pair-activate"),
    path("<int:pk>/finish/", views_status.pair_finish_view, name="pair-finish"),
    path("<int:pk>/end-early/", views_status.pair_end_early_view, name="pair-end-early"),
    *urls_matching.urlpatterns,
    *urls_orders.urlpatterns,
]
