"""gunicorn's settings for the site (`gunicorn -c gunicorn.conf.py`). Each can be changed from the
environment: PORT or GUNICORN_BIND, WEB_CONCURRENCY, GUNICORN_TIMEOUT, FORWARDED_ALLOW_IPS."""

import multiprocessing
import os

wsgi_app = "network_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# The app is imported once, in the master, before the workers are forked: a recycled worker is
# ready at once instead of spending seconds importing Django and Wagtail while requests queue
# behind it (recycled every 1,000 requests, a busy worker did that every few seconds), and the
# workers share the imported code's memory. Nothing opens a database or cache connection at import.
preload_app = True
# Recycle workers now and then, so a slow leak never grows without bound. Not often: a new worker's
# first requests pay for compiling templates and opening connections (a few hundred ms while requests
# queue behind it), and at 1,000 cached pages a second a worker reached 10,000 requests every 10 s,
# which put p95 at 200 to 450 ms on pages whose p50 was 14 ms (benchmarks/run.py). A worker's memory
# levels off at 115 to 130 MB.
max_requests = 200000
max_requests_jitter = 20000
# The proxy in front terminates HTTPS and says so in X-Forwarded-Proto; trust only it.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# The site logs one line per request itself (network_site.core.operations); errors to stderr.
accesslog = None
errorlog = "-"
