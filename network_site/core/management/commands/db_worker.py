"""`manage.py db_worker`: django_tasks_db's command of the same name (this app comes first in
INSTALLED_APPS, so Django runs this one), with its options, running the site's ResilientWorker."""

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from network_site.core.worker import ResilientWorker


class Command(db_worker.Command):
    help = (
        "Runs the background tasks (mail, search indexing). Keeps going when the database goes "
        "away, records a heartbeat, and puts tasks stuck as running back in the queue."
    )

    def handle(self, *, reload, queue_name, **options):
        # Logging is LOGGING's (settings), not the library's configure_logging: one line a task.
        worker = ResilientWorker(
            queue_names=queue_name.split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
