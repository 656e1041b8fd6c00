from wagtail import hooks

from .viewsets import space_viewset


@hooks.register("register_admin_viewset")
def register_space_viewset():
    return space_viewset
