app_name = "feiras"
urlpatterns = []
