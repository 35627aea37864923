"""Rebuild the search index and its vocabulary from the hub's content.

Run after migrating, after loading data with bulk writes (demo data, imports that skip
signals), and nightly (councillors whose term has ended leave the index then)."""

from django.core.management.base import BaseCommand

from councillor_hub.search.indexing import SOURCES
from councillor_hub.search.services import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index and vocabulary from the hub's content."

    def handle(self, *args, **options):
        counts = reindex_all()
        for kind, count in counts.items():
            self.stdout.write(f"{SOURCES[kind].label}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Indexed {sum(counts.values())} entries"))
