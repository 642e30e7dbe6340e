from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "network_site.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_migrate
        from django_tasks.signals import task_finished

        from . import page_cache, roles, signals
        from .operations import log_task_finished
        from .schedule import DAILY, FREQUENT, register

        signals.connect()
        page_cache.connect()
        post_migrate.connect(roles.apply_roles_after_migrate, sender=self)
        roles.connect_signals()
        task_finished.connect(log_task_finished, dispatch_uid="log_task_finished")
        register(
            "publish_scheduled",
            FREQUENT,
            "Publishes pages whose go-live time has come and unpublishes those past their expiry.",
        )
        if settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend":
            register(
                "prune_db_task_results",
                DAILY,
                "Deletes the records of background tasks finished more than 14 days ago.",
            )
