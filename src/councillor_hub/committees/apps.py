from django.apps import AppConfig


def _cabinet_url(portfolio_id) -> str:
    from django.urls import reverse

    return f"{reverse('committees:cabinet')}#portfolio-{portfolio_id}"


class CommitteesConfig(AppConfig):
    name = "councillor_hub.committees"
    verbose_name = "Councillors, committees and Cabinet"

    def ready(self):
        # The history of changes, for content managers (core/content.py).
        from django.urls import reverse

        from councillor_hub.core.content import register

        register("committee", "committees.Committee", label="Committee")
        register(
            "membership",
            "committees.CommitteeMembership",
            label="Committee membership",
            detail_url=lambda m: reverse("committees:committee_detail", args=[m.committee_id]),
            describe=lambda m: f"{m.councillor}, {m.get_role_display().lower()} of {m.committee}",
        )
        register(
            "meeting",
            "committees.CommitteeMeeting",
            label="Committee meeting",
            detail_url=lambda m: reverse("committees:committee_detail", args=[m.committee_id]),
        )
        register(
            "portfolio",
            "committees.CabinetPortfolio",
            label="Cabinet portfolio",
            detail_url=lambda p: _cabinet_url(p.pk),
        )
        register(
            "holding",
            "committees.PortfolioHolding",
            label="Cabinet portfolio holder",
            detail_url=lambda h: _cabinet_url(h.portfolio_id),
            describe=lambda h: f"{h.councillor}, {h.portfolio}",
        )
        register(
            "councillor-contact",
            "committees.CouncillorContact",
            label="Councillor’s contact details",
            detail_url=lambda c: reverse("committees:councillor_detail", args=[c.councillor_id]),
            describe=lambda c: str(c.councillor),
            exclude_fields=["photo_content_type"],
        )
