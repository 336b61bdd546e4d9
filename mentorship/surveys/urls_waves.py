from django.urls import path

from . import views_waves

urlpatterns = [
    path("", views_waves.wave_list, name="wave-list"),
    path("new/", views_waves.wave_create, name="wave-create"),
    path("<int:pk>/", views_waves.wave_detail, name="wave-detail"),
    path("<int:pk>/send/", views_waves.wave_send, name="wave-send"),
    path("<int:pk>/close/", views_waves.wave_close, name="wave-close"),
    path("<int:pk>/print/", views_waves.wave_print, name="wave-print"),
    path("<int:pk>/results/", views_waves.wave_results, name="wave-results"),
    path("<int:pk>/export/", views_waves.wave_export, name="wave-export"),
    path("satisfaction/", views_waves.satisfaction, name="satisfaction"),
    path("entry-exit/", views_waves.entry_exit, name="entry-exit"),
]
