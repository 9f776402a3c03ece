"""The periodic tasks beat starts: watchdogs, nightly purges and builds, weekly and monthly
letters."""

from datetime import timedelta

from celery.schedules import crontab


def schedule(*, heartbeat_seconds: float, gone_seconds: float, watchdog_seconds: float) -> dict:
    return {
        "beat-heartbeat": {
            "task": "moc_portal.core.tasks.beat_heartbeat",
            "schedule": timedelta(seconds=heartbeat_seconds * 3),
        },
        "spreadsheet-jobs-watchdog": {
            "task": "programs.tasks.spreadsheet_jobs_watchdog",
            "schedule": timedelta(seconds=gone_seconds),
        },
        "navigator-watchdog": {
            "task": "navigator_sync.tasks.outbox_watchdog",
            "schedule": timedelta(seconds=watchdog_seconds),
        },
        "hotline-personal-data-purge": {
            "task": "plans.portal.tasks.hotline_personal_data_purge",
            "schedule": crontab(hour=3, minute=30),
        },
        "teachers-personal-data-purge": {
            "task": "programs.staffing.tasks.teachers_personal_data_purge",
            "schedule": crontab(hour=3, minute=40),
        },
        "contest-personal-data-erase": {
            "task": "plans.contests.tasks_retention.contest_personal_data_erase",
            "schedule": crontab(hour=3, minute=45),
        },
        "plan-reminders-weekly": {
            "task": "plans.tasks.plan_reminders_send",
            "schedule": crontab(hour=8, minute=0, day_of_week="mon"),
        },
        "teacher-courses-monthly": {
            "task": "plans.development.tasks.teacher_courses_remind",
            "schedule": crontab(hour=8, minute=0, day_of_month=1),
        },
        "open-data-nightly": {
            "task": "programs.tasks.open_data_build",
            "schedule": crontab(hour=2, minute=30),
        },
    }
