from wagtail import hooks

from .viewsets import CommunityViewSetGroup


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()
