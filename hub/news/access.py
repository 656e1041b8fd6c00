"""Who keeps which article: the rule of `hub.access`, applied to an article's programmes."""

from hub.access import publishing_programme_ids
from portal.accounts.models import Programme


def may_edit_article(user, article) -> bool:
    """People who publish for every programme an article is about (editors for all)."""
    ids = publishing_programme_ids(user)
    if ids is None:
        return True
    article_ids = {programme.pk for programme in article.programmes.all()}
    return bool(ids) and article_ids <= ids


def editable_articles_filter(user, queryset):
    """`queryset` narrowed to articles `user` may edit."""
    ids = publishing_programme_ids(user)
    if ids is None:
        return queryset
    others = Programme.objects.exclude(pk__in=ids).values("pk")
    return queryset.filter(programmes__in=ids).exclude(programmes__in=others).distinct()
