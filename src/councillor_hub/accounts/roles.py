from django.db import models


class Role(models.TextChoices):
    """Every role a person can hold. One person may hold several."""

    COUNCILLOR = "councillor", "Councillor"
    CO_OPTED_MEMBER = "co_opted_member", "Co-opted member"
    MP = "mp", "MP"
    MP_OFFICE = "mp_office", "MP's office"
    DELEGATE = "delegate", "Delegate"
    MEMBER_SUPPORT_OFFICER = "member_support_officer", "Member support officer"
    SERVICE_OFFICER = "service_officer", "Service officer"
    SERVICE_MANAGER = "service_manager", "Service manager"
    DIRECTOR = "director", "Director"
    DEMOCRATIC_SERVICES_OFFICER = "democratic_services_officer", "Democratic services officer"
    GROUP_WHIP = "group_whip", "Group whip"
    GROUP_LEADER = "group_leader", "Group leader"
    DATA_PROTECTION_OFFICER = "data_protection_officer", "Data protection officer"
    ADMINISTRATOR = "administrator", "Administrator"


# Roles whose holders keep their own casework as data controllers.
CASEWORK_OWNER_ROLES = frozenset({Role.COUNCILLOR, Role.MP})
