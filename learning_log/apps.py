from django.apps import AppConfig


class LearningLogConfig(AppConfig):
    name = "learning_log"
    verbose_name = "Learning log"
    default_auto_field = "django.db.models.BigAutoField"
