app_name = "governo"
urlpatterns = []
