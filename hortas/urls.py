app_name = "hortas"
urlpatterns = []
