"""Checking that the library's external links still answer."""

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass

USER_AGENT = "PersonalOutcomesNetwork-LinkChecker/1.0"


@dataclass
class LinkResult:
    url: str
    status: int | None = None
    error: str = ""

    @property
    def is_broken(self):
        return bool(self.error) or self.status is None or self.status >= 400

    def describe(self):
        if self.error:
            return self.error
        return f"HTTP {self.status}"


def check_link(url, timeout):
    """The link's HTTP status, or why it could not be reached within `timeout` seconds.

    A HEAD request first (no body to download); servers that refuse HEAD get a GET, whose body is never
    read. The timeout bounds the connection and the wait for the response headers.
    """
    try:
        status = _request(url, "HEAD", timeout)
        if status in (405, 501):
            status = _request(url, "GET", timeout)
    except TimeoutError:
        return LinkResult(url, error=f"no answer within {timeout:g} seconds")
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return LinkResult(url, error=f"no answer within {timeout:g} seconds")
        return LinkResult(url, error=f"connection error: {reason}")
    except (http.client.HTTPException, OSError, ValueError) as error:
        return LinkResult(url, error=f"connection error: {error}")
    return LinkResult(url, status=status)


def _request(url, method, timeout):
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code
