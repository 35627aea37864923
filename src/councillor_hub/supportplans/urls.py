app_name = "supportplans"

urlpatterns: list = []
