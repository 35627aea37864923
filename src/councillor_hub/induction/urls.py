app_name = "induction"

urlpatterns: list = []
