"""The surveys app's pages: the curator's and director's (namespace «surveys», under
/surveys/) and the participants' personal links (namespace «surveys_public», under /s/:
short, because they are printed and typed from paper)."""

from django.urls import path

from .views import paper, public, waves

app_name = "surveys"
urlpatterns = [
    path("", waves.wave_list, name="wave-list"),
    path("new/", waves.wave_create, name="wave-create"),
    path("<int:pk>/", waves.wave_detail, name="wave-detail"),
    path("<int:pk>/send/", waves.wave_send, name="wave-send"),
    path("<int:pk>/close/", waves.wave_close, name="wave-close"),
    path("<int:pk>/print/", waves.wave_print, name="wave-print"),
    path("<int:pk>/results/", waves.wave_results, name="wave-results"),
    path("<int:pk>/export/", waves.wave_export, name="wave-export"),
    path("satisfaction/", waves.satisfaction, name="satisfaction"),
    path("entry-exit/", waves.entry_exit, name="entry-exit"),
    path("invitations/<int:pk>/paper/", paper.paper_entry, name="paper-entry"),
]

public_urlpatterns = (
    [
        path("<str:token>/", public.fill, name="fill"),
        path("<str:token>/done/", public.done, name="done"),
    ],
    "surveys_public",
)
