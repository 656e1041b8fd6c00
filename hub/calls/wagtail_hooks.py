from wagtail import hooks

from .viewsets import call_viewset


@hooks.register("register_admin_viewset")
def register_call_viewset():
    return call_viewset
