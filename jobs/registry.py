"""Kinds of background job and the function that produces each one's file.

Each app declares its producers in its own ``exports`` module, found by ``autodiscover``:
``@producer("chronicle_pdf")`` on a function ``(job, report) -> (filename, bytes)``, where
``report(stage, percent)`` publishes progress to the page that polls the job; the stage
is an untranslated message id (``gettext_noop``), translated when the page shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from django.apps import apps

Producer = Callable[..., tuple[str, bytes]]
_PRODUCERS: dict[str, Producer] = {}
_LABELS: dict[str, str] = {}


def producer(kind: str, label: str):
    def decorator(func: Producer) -> Producer:
        _PRODUCERS[kind] = func
        _LABELS[kind] = label
        return func

    return decorator


def label_of(kind: str) -> str:
    autodiscover()
    return _LABELS.get(kind, kind)


def get_producer(kind: str) -> Producer:
    autodiscover()
    return _PRODUCERS[kind]


def autodiscover() -> None:
    for config in apps.get_app_configs():
        try:
            import_module(f"{config.name}.exports")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.exports":
                raise
