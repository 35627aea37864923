class NoStoreForSignedInMiddleware:
    """Pages shown to a signed-in person may hold personal data: tell browsers and proxies
    not to keep a copy (so the back button after sign-out shows nothing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response


class StripNulFromQueryMiddleware:
    """PostgreSQL text cannot hold NUL bytes, so a search for "%00" would fail there (and not on
    SQLite). Query strings are only ever filters and searches: drop the NULs before any view
    sees them. Form posts keep theirs and are refused by form validation with a message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            cleaned = request.GET.copy()
            for key, values in list(cleaned.lists()):
                del cleaned[key]
                cleaned.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
