from django.apps import AppConfig


class WardsConfig(AppConfig):
    name = "councillor_hub.wards"
    verbose_name = "Ward profiles"

    def ready(self):
        # The history of changes, for content managers (core/content.py).
        from django.urls import reverse

        from councillor_hub.core.content import register

        register("ward-profile", "wards.WardProfile", label="Ward profile")
        register(
            "ward-statistic",
            "wards.WardStatistic",
            label="Ward statistic",
            detail_url=lambda statistic: reverse("wards:ward_detail", args=[statistic.ward_id]),
        )
        register("ward-amenity", "wards.WardAmenity", label="Ward amenity")
