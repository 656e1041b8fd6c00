"""The portal's own schedule: each period's run of a job happens once across every scheduler."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from portal.core.models import FormSubmission, ScheduledRun
from portal.core.schedule import SCHEDULE, Daily, Hourly, Job, Weekly, schedule_tick
from tests.helpers import all_at_once

PRUNE = Job("prune_tokens", "prune_submission_tokens", Hourly(5))
# argparse refuses "hourly": the command fails the way a broken job would.
BROKEN = Job("broken_digest", "send_notification_digests", Hourly(5), ("hourly",))
TEN_PAST_NINE = datetime(2026, 12, 3, 9, 10, tzinfo=UTC)


def _old_token(name: str) -> FormSubmission:
    token = FormSubmission.objects.create(token=name)
    FormSubmission.objects.filter(pk=token.pk).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    return token


@pytest.mark.parametrize(
    ("period", "now", "slot"),
    [
        (Hourly(5), datetime(2026, 12, 3, 9, 4, 59), datetime(2026, 12, 3, 8, 5)),
        (Hourly(5), datetime(2026, 12, 3, 9, 5), datetime(2026, 12, 3, 9, 5)),
        (Daily(6, 0), datetime(2026, 12, 3, 5, 59), datetime(2026, 12, 2, 6, 0)),
        (Daily(6, 0), datetime(2026, 12, 3, 23, 0), datetime(2026, 12, 3, 6, 0)),
        # 3 December 2026 is a Thursday; the weekly slot starts on Monday at 06:30.
        (Weekly(0, 6, 30), datetime(2026, 12, 3, 12, 0), datetime(2026, 11, 30, 6, 30)),
        (Weekly(0, 6, 30), datetime(2026, 11, 30, 6, 29), datetime(2026, 11, 23, 6, 30)),
        (Weekly(3, 12, 0), datetime(2026, 12, 3, 12, 0), datetime(2026, 12, 3, 12, 0)),
    ],
)
def test_each_period_is_cut_into_slots_that_start_at_its_time(period, now, slot):
    assert period.slot(now.replace(tzinfo=UTC)) == slot.replace(tzinfo=UTC)


def test_the_schedule_names_each_job_once_and_every_command_exists():
    assert len({job.name for job in SCHEDULE}) == len(SCHEDULE)
    commands = {job.command for job in SCHEDULE}
    assert {
        "prune_db_task_results",
        "prune_submission_tokens",
        "prune_sign_up_emails",
        "send_session_reminders",
        "send_renewal_reminders",
        "send_event_reminders",
        "send_hub_alerts",
        "issue_path_credentials",
        "send_notification_digests",
    } == commands


@pytest.mark.django_db
def test_a_job_runs_once_per_period_and_again_in_the_next():
    _old_token("first")
    runs = schedule_tick(now=TEN_PAST_NINE, jobs=(PRUNE,), runner="host-a")
    assert [(run.job, run.outcome) for run in runs] == [("prune_tokens", "succeeded")]
    assert "removed: 1" in runs[0].output
    assert not FormSubmission.objects.exists()

    _old_token("second")
    later_same_hour = TEN_PAST_NINE + timedelta(minutes=50)
    assert schedule_tick(now=later_same_hour, jobs=(PRUNE,), runner="host-b") == []
    assert FormSubmission.objects.filter(token="second").exists()

    next_hour = TEN_PAST_NINE + timedelta(hours=1)
    runs = schedule_tick(now=next_hour, jobs=(PRUNE,), runner="host-b")
    assert [run.slot for run in runs] == [datetime(2026, 12, 3, 10, 5, tzinfo=UTC)]
    assert not FormSubmission.objects.exists()
    assert list(ScheduledRun.objects.values_list("runner", flat=True).order_by("slot")) == [
        "host-a",
        "host-b",
    ]


@pytest.mark.django_db
def test_a_failed_run_is_recorded_and_the_next_period_runs_again():
    runs = schedule_tick(now=TEN_PAST_NINE, jobs=(BROKEN, PRUNE), runner="host-a")
    assert [(run.job, run.outcome) for run in runs] == [
        ("broken_digest", "failed"),
        ("prune_tokens", "succeeded"),
    ]
    failed = ScheduledRun.objects.get(job="broken_digest")
    assert "invalid choice: 'hourly'" in failed.output
    assert failed.finished_at is not None

    # The failure is not retried within its period ...
    assert schedule_tick(now=TEN_PAST_NINE + timedelta(minutes=1), jobs=(BROKEN,)) == []
    # ... and does not stop the next one.
    runs = schedule_tick(now=TEN_PAST_NINE + timedelta(hours=1), jobs=(BROKEN,), runner="b")
    assert [(run.job, run.outcome) for run in runs] == [("broken_digest", "failed")]
    assert ScheduledRun.objects.filter(job="broken_digest").count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_command_looks_at_the_schedule_once(capsys):
    call_command("run_scheduler", "--once")
    # Every job's current slot is due in a fresh database: each ran, and was recorded.
    assert set(ScheduledRun.objects.values_list("job", flat=True)) == {job.name for job in SCHEDULE}
    call_command("run_scheduler", "--once")
    assert ScheduledRun.objects.count() == len(SCHEDULE)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_schedulers_ticking_at_the_same_instant_run_the_job_once():
    assert connection.vendor == "postgresql"
    _old_token("shared")
    schedulers = [f"host-{n}" for n in range(8)]
    made = []

    def tick(runner):
        made.extend(schedule_tick(now=TEN_PAST_NINE, jobs=(PRUNE,), runner=runner))

    assert all_at_once(tick, schedulers) == []
    assert len(made) == 1
    assert "removed: 1" in made[0].output
    assert ScheduledRun.objects.get().runner == made[0].runner

    made.clear()
    assert all_at_once(tick, schedulers) == []
    assert made == []

    next_hour = TEN_PAST_NINE + timedelta(hours=1)
    made.clear()
    assert (
        all_at_once(
            lambda runner: made.extend(schedule_tick(now=next_hour, jobs=(PRUNE,), runner=runner)),
            schedulers,
        )
        == []
    )
    assert len(made) == 1
    assert ScheduledRun.objects.count() == 2
