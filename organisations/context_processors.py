def active_role(request):
    return {
        "scope": getattr(request, "scope", None),
        "user_roles": getattr(request, "roles", []),
    }
