app_name = "entrepostos"
urlpatterns = []
