from django.apps import AppConfig


class PracticeMapConfig(AppConfig):
    name = "practice_map"
    verbose_name = "Outcomes practice map"
