"""The portal's periodic work, scheduled by the portal itself on every host.

Every host runs `manage.py run_scheduler`, however many there are. Each job's period is cut
into slots (the hour starting at minute M, the day starting at HH:MM UTC, the week starting on a
weekday at HH:MM UTC). On each tick a scheduler tries to insert a `ScheduledRun` row for the
job's current slot; the unique constraint on (job, slot) lets exactly one insert succeed, on
PostgreSQL as on SQLite, however many schedulers tick at the same instant. The winner commits
the claim before running the job, then records its outcome; the others skip it until the next
slot. A failed run is recorded as failed and the next slot runs as usual. A scheduler that dies
while running a job leaves its slot claimed: that period's run is missed rather than done twice.

A scheduler started late (or after an outage) runs each job's latest slot once, then keeps to
the schedule: missed older slots are not made up.
"""

import io
import logging
import os
import socket
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun

logger = logging.getLogger("portal.schedule")

# Output kept per run: enough for the counts the commands print and a traceback.
OUTPUT_KEPT = 10_000


@dataclass(frozen=True)
class Hourly:
    minute: int = 0

    def slot(self, now: datetime) -> datetime:
        start = now.replace(minute=self.minute, second=0, microsecond=0)
        return start if start <= now else start - timedelta(hours=1)


@dataclass(frozen=True)
class Daily:
    hour: int
    minute: int = 0

    def slot(self, now: datetime) -> datetime:
        start = now.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        return start if start <= now else start - timedelta(days=1)


@dataclass(frozen=True)
class Weekly:
    weekday: int  # Monday is 0, as in datetime.weekday()
    hour: int
    minute: int = 0

    def slot(self, now: datetime) -> datetime:
        start = now.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        start -= timedelta(days=(now.weekday() - self.weekday) % 7)
        return start if start <= now else start - timedelta(weeks=1)


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    period: Hourly | Daily | Weekly
    args: tuple[str, ...] = field(default=())


# Times are UTC. Calls for proposals need no job: their status is computed from their dates.
SCHEDULE = (
    Job("prune_db_task_results", "prune_db_task_results", Daily(2, 30)),
    Job("prune_submission_tokens", "prune_submission_tokens", Daily(2, 40)),
    Job("prune_sign_up_emails", "prune_sign_up_emails", Daily(2, 50)),
    Job("send_session_reminders", "send_session_reminders", Hourly(5)),
    Job("send_event_reminders", "send_event_reminders", Hourly(10)),
    Job("send_hub_alerts", "send_hub_alerts", Hourly(15)),
    Job("issue_path_credentials", "issue_path_credentials", Hourly(20)),
    Job("send_renewal_reminders", "send_renewal_reminders", Daily(5, 30)),
    Job("daily_digests", "send_notification_digests", Daily(6, 0), ("daily",)),
    Job("weekly_digests", "send_notification_digests", Weekly(0, 6, 30), ("weekly",)),
)


def runner_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:200]


def run_claim(*, job: Job, slot: datetime, runner: str) -> ScheduledRun | None:
    """The run of `job` for `slot`, claimed for `runner`; None when another scheduler (on any
    host) claimed it first. The claim is committed before the job runs."""
    try:
        with transaction.atomic():
            return ScheduledRun.objects.create(
                job=job.name, slot=slot, runner=runner, started_at=timezone.now()
            )
    except IntegrityError:
        return None


def run_perform(*, job: Job, run: ScheduledRun) -> ScheduledRun:
    """Run the job's command and record how it ended. A failure is recorded, not raised: the
    scheduler goes on with the other jobs and the next slot."""
    output = io.StringIO()
    try:
        call_command(job.command, *job.args, stdout=output, stderr=output)
    except Exception:
        logger.exception("Scheduled job %s for %s failed", job.name, run.slot.isoformat())
        run.outcome = ScheduledRun.Outcome.FAILED
        output.write(traceback.format_exc())
    else:
        run.outcome = ScheduledRun.Outcome.SUCCEEDED
    run.finished_at = timezone.now()
    run.output = output.getvalue()[-OUTPUT_KEPT:]
    run.save(update_fields=["outcome", "finished_at", "output"])
    return run


def schedule_tick(
    *, now: datetime | None = None, jobs: tuple[Job, ...] = SCHEDULE, runner: str = ""
) -> list[ScheduledRun]:
    """Claim and run every job whose current slot nobody has claimed yet; the runs made."""
    now = (now or timezone.now()).astimezone(UTC)
    runner = runner or runner_name()
    made = []
    for job in jobs:
        run = run_claim(job=job, slot=job.period.slot(now), runner=runner)
        if run is not None:
            made.append(run_perform(job=job, run=run))
    return made
