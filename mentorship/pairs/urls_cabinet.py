app_name = "cabinet"
urlpatterns = []
