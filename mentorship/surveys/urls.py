from . import urls_paper, urls_waves

app_name = "surveys"
urlpatterns = [*urls_waves.urlpatterns, *urls_paper.urlpatterns]
