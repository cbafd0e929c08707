"""Log records as one JSON object per line, each carrying the id of the request it belongs to.

Production ships stdout to a log collector that indexes fields, so a line must parse on its
own: a multi-line traceback in plain text would be split into unrelated events. The request
id ties every line of one request together, and the ``X-Request-ID`` response header lets
an administrator find them from a user's report. ``LOG_FORMAT=text`` keeps the readable
one-line format for development.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging

# Set by unionportal.middleware.RequestIdMiddleware for the duration of one request.
current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "current_request_id", default=None
)


class RequestIdFilter(logging.Filter):
    """Give every record a ``request_id`` attribute: the current request's, or ``"-"``.

    Attached to the handler, so records of any logger (Django's, Celery's, ours) get it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request_id, exc_info."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id.get()
        if request_id and request_id != "-":
            entry["request_id"] = request_id
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exc_info"] = record.exc_text
        if record.stack_info:
            entry["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
