app_name = "cultura"
urlpatterns = []
