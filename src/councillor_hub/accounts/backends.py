"""Sign-in backend: Django's, loading the councillor profile with the user on every request,
since casework permissions ask for the term end on nearly every page."""

from django.contrib.auth.backends import ModelBackend


class UserWithProfileBackend(ModelBackend):
    def get_user(self, user_id):
        UserModel = self._get_user_model()
        try:
            user = UserModel._default_manager.select_related("councillor_profile").get(pk=user_id)
        except UserModel.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    @staticmethod
    def _get_user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()
