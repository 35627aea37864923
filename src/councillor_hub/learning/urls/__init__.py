"""Member development URLs, one module per area so each area's routes sit together."""

from . import catalogue, compliance, evaluations

app_name = "learning"

urlpatterns = [*catalogue.urlpatterns, *compliance.urlpatterns, *evaluations.urlpatterns]
