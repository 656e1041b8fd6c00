"""Publishing news and stories without the admin's page tree: the form checks the input, the
services check who may publish for which programme and record the revision."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from hub.access import may_publish, publishing_programmes
from portal.core.forms import submitted

from . import selectors, services
from .access import may_edit_article
from .forms import ArticleForm
from .models import ArticlePage

PUBLISHED = _("Your article is published.")
UPDATED = _("Your changes are published.")


def _form_page(request, form, *, article=None):
    return render(
        request,
        "hub/news/article_form.html",
        {"form": form, "article": article, "kept": selectors.articles_kept_by(user=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def article_create(request):
    if not may_publish(request.user):
        raise PermissionDenied
    index = selectors.news_index()
    if index is None:
        raise Http404
    form = ArticleForm(
        request.POST or None, request.FILES or None, programmes=publishing_programmes(request.user)
    )
    done = submitted(
        request,
        form,
        lambda values: services.article_create(index=index, user=request.user, values=values).url,
        success=PUBLISHED,
    )
    return done or _form_page(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def article_edit(request, pk):
    article = get_object_or_404(ArticlePage, pk=pk)
    if not may_edit_article(request.user, article):
        raise PermissionDenied
    latest = article.get_latest_revision_as_object()
    form = ArticleForm(
        request.POST or None,
        request.FILES or None,
        initial=services.article_form_initial(latest),
        programmes=publishing_programmes(request.user),
        has_image=bool(latest.lead_image_id),
    )
    done = submitted(
        request,
        form,
        lambda values: (
            services.article_update(article=article, user=request.user, values=values).url
        ),
        success=UPDATED,
    )
    return done or _form_page(request, form, article=latest)
