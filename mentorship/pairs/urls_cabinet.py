from django.urls import path

from . import views_cabinet

app_name = "cabinet"
urlpatterns = [
    path("", views_cabinet.pair_list, name="pairs"),
    path("<int:pk>/", views_cabinet.pair_detail, name="pair"),
    path("<int:pk>/tasks/<int:task_pk>/mark/", views_cabinet.task_mark, name="task-mark"),
    path("<int:pk>/meetings/<int:meeting_pk>/", views_cabinet.meeting_detail, name="meeting"),
]
