from .permissions import request_scope


class CaseworkScopeMiddleware:
    """Lets one request remember a person's casework scope (see permissions.request_scope), so
    a page asks the database once, not once per selector."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self.get_response(request)
