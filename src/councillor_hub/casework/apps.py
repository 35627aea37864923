from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class CaseworkConfig(AppConfig):
    name = "councillor_hub.casework"
    label = "casework"

    def ready(self) -> None:
        from councillor_hub.accounts.models import CouncillorProfile, User, UserRole

        from .models import CaseConstituent, CaseShare, DelegateGrant
        from .permissions import forget_request_scope

        def forget(**kwargs) -> None:
            forget_request_scope()

        # Whatever decides whose casework a person may see: a change forgets what this
        # request remembered, so the rest of the request sees the change.
        for model in (CaseShare, CaseConstituent, DelegateGrant, CouncillorProfile, UserRole, User):
            uid = f"casework-scope-{model._meta.label_lower}"
            post_save.connect(forget, sender=model, dispatch_uid=uid + "-save", weak=False)
            post_delete.connect(forget, sender=model, dispatch_uid=uid + "-delete", weak=False)
        m2m_changed.connect(forget, dispatch_uid="casework-scope-m2m", weak=False)
