from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET

from .models import Project


@require_GET
def project_detail(request, keep_id):
    """Until the portal has its own project pages, a project's address leads to keep.eu."""
    return redirect(get_object_or_404(Project, keep_id=keep_id).keep_url)
