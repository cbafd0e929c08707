"""JSON log lines and the request id that ties a request's lines together."""

import io
import json
import logging

import pytest
from django.urls import reverse

from unionportal.logs import JsonFormatter, RequestIdFilter, current_request_id


def capture(logger_name="unionportal.test"):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return logger, handler, stream


def lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_a_record_is_one_json_line_with_the_fields():
    logger, handler, stream = capture()
    try:
        token = current_request_id.set("req-42")
        logger.warning("import of %s refused: %s", "名册.xlsx", 'has "quotes"\nand a newline')
        current_request_id.reset(token)
    finally:
        logger.removeHandler(handler)
    assert len(stream.getvalue().splitlines()) == 1
    [entry] = lines(stream)
    assert entry["level"] == "WARNING" and entry["logger"] == "unionportal.test"
    assert entry["message"] == 'import of 名册.xlsx refused: has "quotes"\nand a newline'
    assert entry["request_id"] == "req-42"
    assert entry["time"].endswith("+00:00") and "T" in entry["time"]
    assert "exc_info" not in entry


def test_an_exception_travels_inside_the_line():
    logger, handler, stream = capture()
    try:
        try:
            raise ValueError("broken row")
        except ValueError:
            logger.exception("could not read")
    finally:
        logger.removeHandler(handler)
    [entry] = lines(stream)
    assert entry["level"] == "ERROR" and entry["message"] == "could not read"
    assert "Traceback" in entry["exc_info"] and "ValueError: broken row" in entry["exc_info"]
    assert "request_id" not in entry  # outside a request


@pytest.mark.django_db
def test_the_middleware_keeps_a_sane_request_id(client):
    response = client.get(reverse("health"), HTTP_X_REQUEST_ID="proxy-7f3a.1")
    assert response["X-Request-ID"] == "proxy-7f3a.1"


@pytest.mark.django_db
@pytest.mark.parametrize("offered", ["", "two words", "x" * 300, "a\r\nforged: line", "<b>"])
def test_an_insane_request_id_is_replaced(client, offered):
    response = client.get(reverse("health"), HTTP_X_REQUEST_ID=offered)
    request_id = response["X-Request-ID"]
    assert request_id != offered and len(request_id) == 32 and request_id.isalnum()


@pytest.mark.django_db
def test_records_logged_during_a_request_carry_its_id(client, monkeypatch):
    logger, handler, stream = capture("unionportal.views")
    from unionportal import views

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("db down")

    monkeypatch.setattr(views.connection, "cursor", broken_cursor)
    try:
        response = client.get(reverse("health_ready"), HTTP_X_REQUEST_ID="abc123")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 503
    entries = [e for e in lines(stream) if e["logger"] == "unionportal.views"]
    assert entries and all(e["request_id"] == "abc123" for e in entries)
    assert "RuntimeError: db down" in entries[0]["exc_info"]
