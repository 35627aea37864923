from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "councillor_hub.news"
    verbose_name = "News and briefings"

    def ready(self):
        # The history of changes, for content managers (core/content.py).
        from django.urls import reverse

        from councillor_hub.core.content import register

        register("news", "news.NewsItem", label="News item")
        register(
            "news-attachment",
            "news.NewsAttachment",
            label="News attachment",
            detail_url=lambda attachment: reverse("news:item_detail", args=[attachment.item_id]),
            exclude_fields=["content_type"],
        )
