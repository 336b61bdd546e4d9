from django.urls import path

from . import views_public

app_name = "surveys_public"
urlpatterns = [
    path("<str:token>/", views_public.fill, name="fill"),
    path("<str:token>/done/", views_public.done, name="done"),
]
