from django.apps import AppConfig
from django.db.models.signals import m2m_changed


class CaseworkConfig(AppConfig):
    name = "councillor_hub.casework"
    label = "casework"

    def ready(self) -> None:
        from councillor_hub.accounts.models import CouncillorProfile, User, UserRole

        from .models import CaseConstituent, CaseShare, DelegateGrant
        from .permissions import forget_request_scope, forget_request_scope_when_changed

        # Whatever decides whose casework a person may see: a change forgets what this
        # request remembered, so the rest of the request sees the change.
        forget_request_scope_when_changed(
            CaseShare,
            CaseConstituent,
            DelegateGrant,
            CouncillorProfile,
            UserRole,
            User,
            uid="casework-scope",
        )
        m2m_changed.connect(
            lambda **kwargs: forget_request_scope(), dispatch_uid="casework-scope-m2m", weak=False
        )
