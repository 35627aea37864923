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
