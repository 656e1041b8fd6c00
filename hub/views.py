from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET

from .models import Project


@require_GET
def project_detail(request, keep_id):
    """Where a project named elsewhere in the portal leads; until the projects' own page
    exists, its record on keep.eu."""
    project = get_object_or_404(Project, keep_id=keep_id)
    return redirect(project.keep_url)
