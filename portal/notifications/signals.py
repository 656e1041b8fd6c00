"""The task queue's records of sealed e-mails do not outlive their sending; the notification
centres kept for their readers go when someone's name changes."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_tasks import TaskResultStatus, task_backends
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from portal.accounts.models import User

from .services import NAMES_VERSION
from .tasks import send_email


@receiver(task_finished)
def forget_sent_email(sender, task_result, **kwargs) -> None:
    if not isinstance(task_backends[task_result.backend], DatabaseBackend):
        return
    if task_result.task.module_path != send_email.module_path:
        return
    record = DBTaskResult.objects.filter(pk=task_result.id)
    if task_result.status == TaskResultStatus.SUCCESSFUL:
        record.delete()
    else:
        # A refused recipient is named in the error; the log has the whole traceback.
        record.update(traceback="")


@receiver(post_save, sender=User, dispatch_uid="notification-names-saved")
@receiver(post_delete, sender=User, dispatch_uid="notification-names-deleted")
def names_changed(sender, update_fields=None, **kwargs) -> None:
    # Signing in writes only the moment of the last sign-in, far more often than names change.
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    NAMES_VERSION.changed()
