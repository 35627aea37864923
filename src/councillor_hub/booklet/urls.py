app_name = "booklet"

urlpatterns: list = []
