from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("files/<path:name>", views.file, name="file"),
]
