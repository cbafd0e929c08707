from organisations.scope import SESSION_KEY, Scope, pick_role


class ActiveRoleMiddleware:
    """Attach ``request.scope`` (None without a role) and ``request.roles``.

    One query per authenticated request (the user's roles with their organisations).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope, request.roles = None, []
        if request.user.is_authenticated:
            role, request.roles = pick_role(request.user, request.session.get(SESSION_KEY))
            if role is not None:
                request.scope = Scope(user=request.user, role=role)
        return self.get_response(request)
