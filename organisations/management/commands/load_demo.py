from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from organisations import demo


class Command(BaseCommand):
    help = "Load the demo tree, accounts and every app's demo records (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            tree = self.load_all()
        self.report(tree)

    def load_all(self):
        tree = demo.load()
        for config in apps.get_app_configs():
            if config.name == "organisations":
                continue
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.demo":
                    raise
                continue
            module.load(tree)
        return tree

    def report(self, tree):
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ready: {len(tree.by_name)} organisations, {len(tree.users)} accounts."))
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        self.stdout.write(f"  {'admin':<20} superuser, Django admin")
        for username, full_name, org_name, kind in demo.ACCOUNTS:
            self.stdout.write(f"  {username:<20} {full_name} · {org_name} · {kind.label}")
