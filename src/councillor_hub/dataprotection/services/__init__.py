"""Data protection services: one module per area (breaches, destruction, retention,
subject access, erasure, handover)."""

from .breaches import breach_record, breach_update

__all__ = ["breach_record", "breach_update"]
