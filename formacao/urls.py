app_name = "formacao"
urlpatterns = []
