from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "network_site.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_migrate
        from django_tasks.signals import task_enqueued, task_finished, task_started

        from . import page_cache, roles, signals
        from .operations import (
            end_request_context,
            enter_task_context,
            log_task_finished,
            record_task_origin,
            start_request_context,
        )

        signals.connect()
        page_cache.connect()
        post_migrate.connect(roles.apply_roles_after_migrate, sender=self)
        roles.connect_signals()
        request_started.connect(start_request_context, dispatch_uid="start_request_context")
        request_finished.connect(end_request_context, dispatch_uid="end_request_context")
        task_enqueued.connect(record_task_origin, dispatch_uid="record_task_origin")
        task_started.connect(enter_task_context, dispatch_uid="enter_task_context")
        task_finished.connect(log_task_finished, dispatch_uid="log_task_finished")
