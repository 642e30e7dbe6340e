from django.core.mail import send_mail
from django_tasks import task


@task()
def send_story_email(subject, body, recipients):
    send_mail(subject, body, None, recipients)
