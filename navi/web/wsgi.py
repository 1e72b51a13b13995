"""WSGI entry point for gunicorn from anywhere: `gunicorn navi.web.wsgi:app` (run `navi prepare` first).

An invalid catalog or unreadable key stops the start with each problem on stderr. Exit status 3 is gunicorn's
"worker failed to boot", which makes gunicorn itself stop instead of starting workers over and over.
"""

from navi.instance.startup import app_or_exit
from navi.web.warmup import warm

app = app_or_exit(prepare=False, exit_code=3)
warm(app)  # before gunicorn --preload forks: the workers share the compiled templates, font and tables
