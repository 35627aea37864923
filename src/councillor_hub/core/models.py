from django.db import models


class ServiceArea(models.Model):
    """A council service (Highways, Waste, Housing...): the shared taxonomy for case categories,
    enquiry routing and service officers. Administrators edit it in the admin."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    sort_order = models.PositiveIntegerField(default=100)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
