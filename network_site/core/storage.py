"""When the media storage refuses a file: a full or read-only disk, or object storage that
answers with an error or not at all.

A storage failure loses nothing the person typed and never shows a bare server error: the story
form keeps the story as a draft without its image (stories/views.py), and any other upload
(the admin's images and documents) answers a plain "could not be saved, try again" page with
status 503. Each failure is one error line for the operator, without a traceback.
"""

import logging

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.shortcuts import render

logger = logging.getLogger(__name__)

# What saving to the disk (OSError) or to S3 through boto3 raises when the storage refuses.
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError, Boto3Error)
RETRY_AFTER_SECONDS = 60


def log_storage_failure(what: str, error: BaseException) -> None:
    logger.error("Media storage refused %s: %s: %s", what, type(error).__name__, error)


class UploadStorageFailureMiddleware:
    """A request that carried files and failed because the storage refused one answers 503 with a
    page that says so (the request's database changes are already rolled back)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not request.FILES or not isinstance(exception, STORAGE_ERRORS):
            return None
        log_storage_failure(f"an upload to {request.path}", exception)
        # Rendered without the request's context, as the 500 page is.
        context = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "request_id": getattr(request, "request_id", None),
        }
        response = render(None, "upload_failed.html", context, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
