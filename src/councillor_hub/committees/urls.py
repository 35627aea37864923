from django.urls import path

from .views import cabinet, committees, councillors, meetings

app_name = "committees"

urlpatterns = [
    path("", councillors.CouncillorListView.as_view(), name="councillor_list"),
    path("<int:pk>/", councillors.CouncillorDetailView.as_view(), name="councillor_detail"),
    path("<int:pk>/photo/", councillors.CouncillorPhotoView.as_view(), name="councillor_photo"),
    path(
        "<int:pk>/contact/",
        councillors.CouncillorContactUpdateView.as_view(),
        name="councillor_contact_update",
    ),
    path("committees/", committees.CommitteeListView.as_view(), name="committee_list"),
    path("committees/add/", committees.CommitteeCreateView.as_view(), name="committee_create"),
    path("committees/<int:pk>/", committees.CommitteeDetailView.as_view(), name="committee_detail"),
    path(
        "committees/<int:pk>/change/",
        committees.CommitteeUpdateView.as_view(),
        name="committee_update",
    ),
    path(
        "committees/<int:pk>/members/add/",
        committees.MembershipCreateView.as_view(),
        name="membership_create",
    ),
    path(
        "committees/memberships/<int:pk>/change-role/",
        committees.MembershipChangeView.as_view(),
        name="membership_change",
    ),
    path(
        "committees/memberships/<int:pk>/end/",
        committees.MembershipEndView.as_view(),
        name="membership_end",
    ),
    path(
        "committees/<int:pk>/meetings/add/",
        meetings.MeetingCreateView.as_view(),
        name="meeting_create",
    ),
    path(
        "committees/meetings/<int:pk>/change/",
        meetings.MeetingUpdateView.as_view(),
        name="meeting_update",
    ),
    path("cabinet/", cabinet.CabinetView.as_view(), name="cabinet"),
    path("cabinet/portfolios/add/", cabinet.PortfolioCreateView.as_view(), name="portfolio_create"),
    path(
        "cabinet/portfolios/<int:pk>/change/",
        cabinet.PortfolioUpdateView.as_view(),
        name="portfolio_update",
    ),
    path(
        "cabinet/portfolios/<int:pk>/appoint/",
        cabinet.HoldingCreateView.as_view(),
        name="holding_create",
    ),
    path("cabinet/holdings/<int:pk>/end/", cabinet.HoldingEndView.as_view(), name="holding_end"),
]
