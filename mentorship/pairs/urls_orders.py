from django.urls import path

from . import views_orders

urlpatterns = [
    path("orders/pairs/", views_orders.order_pairs_view, name="order-pairs"),
    path("orders/mentors/", views_orders.order_mentors_view, name="order-mentors"),
    path("orders/rewards/", views_orders.order_rewards_view, name="order-rewards"),
]
