app_name = "learning"

# Pages come in a later increment; the foundation is models, services and selectors.
urlpatterns: list = []
