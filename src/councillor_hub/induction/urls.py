from django.urls import path

from . import views

app_name = "induction"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("programme/", views.ProgrammeView.as_view(), name="programme"),
    path("group/", views.GroupProgressView.as_view(), name="group_progress"),
    path("checklist/", views.ItemListView.as_view(), name="item_list"),
    path("checklist/add/", views.ItemCreateView.as_view(), name="item_create"),
    path("checklist/<int:pk>/", views.ItemUpdateView.as_view(), name="item_update"),
    path("intakes/", views.IntakeListView.as_view(), name="intake_list"),
    path("intakes/add/", views.IntakeCreateView.as_view(), name="intake_create"),
    path("intakes/<int:pk>/", views.IntakeDetailView.as_view(), name="intake_detail"),
    path("intakes/<int:pk>/change/", views.IntakeUpdateView.as_view(), name="intake_update"),
    path(
        "intakes/<int:pk>/dates/add/",
        views.IntakeDateCreateView.as_view(),
        name="intake_date_create",
    ),
    path(
        "intakes/<int:pk>/dates/<int:date_pk>/",
        views.IntakeDateUpdateView.as_view(),
        name="intake_date_update",
    ),
    path(
        "intakes/<int:pk>/dates/<int:date_pk>/remove/",
        views.IntakeDateDeleteView.as_view(),
        name="intake_date_delete",
    ),
    path(
        "intakes/<int:pk>/members/add/",
        views.IntakeMembersAddView.as_view(),
        name="intake_members_add",
    ),
    path("members/<int:pk>/", views.MemberInductionView.as_view(), name="member_induction"),
    path("members/<int:pk>/buddies/", views.MemberBuddiesView.as_view(), name="member_buddies"),
    path(
        "members/<int:pk>/items/<int:item_pk>/",
        views.MemberItemView.as_view(),
        name="member_item",
    ),
    path("dbs/", views.DbsListView.as_view(), name="dbs_list"),
    path("dbs/<int:member_pk>/", views.DbsUpdateView.as_view(), name="dbs_update"),
]
