"""Compliance: training records, the dashboard, the whip's group view, committee training."""

from django.urls import path

from ..views import compliance

urlpatterns = [
    path("my-training/", compliance.MyTrainingView.as_view(), name="my_training"),
    path("compliance/", compliance.ComplianceDashboardView.as_view(), name="compliance_dashboard"),
    path("compliance/group/", compliance.GroupComplianceView.as_view(), name="compliance_group"),
    path(
        "compliance/members/<int:pk>/",
        compliance.MemberComplianceView.as_view(),
        name="compliance_member",
    ),
    path(
        "committees/<int:pk>/training/",
        compliance.CommitteeTrainingView.as_view(),
        name="committee_training",
    ),
]
