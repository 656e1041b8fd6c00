from wagtail import hooks

from .viewsets import IdentityViewSetGroup


@hooks.register("register_admin_viewset")
def register_identity_viewsets():
    return IdentityViewSetGroup()
