app_name = "wards"

urlpatterns: list = []
