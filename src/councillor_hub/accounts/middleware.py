import time

# A session in use is kept alive by saving it (which moves its expiry forward) at most this
# often. Saving on every request (SESSION_SAVE_EVERY_REQUEST) made every page view a database
# write, which under load on SQLite queued reads behind writes (issue 7). The idle timeout is
# therefore exact to within this many seconds.
REFRESH_EVERY_SECONDS = 60
_KEY = "_refreshed_at"


class IdleSessionMiddleware:
    """Moves a used session's expiry forward (SESSION_COOKIE_AGE from now) at most once a
    minute, so a person is signed out after that long without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        now = int(time.time())
        if session.modified or now - session.get(_KEY, 0) >= REFRESH_EVERY_SECONDS:
            session[_KEY] = now  # marks it modified: SessionMiddleware saves it
        return response


def mark_refreshed(sender, request, user, **kwargs) -> None:
    """Signing in saves the session: count that as its latest refresh."""
    session = getattr(request, "session", None)
    if session is not None:
        session[_KEY] = int(time.time())
