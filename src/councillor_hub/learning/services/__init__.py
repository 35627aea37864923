"""Member development writes, one module per area. Booking services are re-exported here
because they are the programme's core verbs."""

from .bookings import (
    Cancellation,
    attendance_mark,
    booking_cancel,
    completion_record,
    session_book,
)

__all__ = ["Cancellation", "attendance_mark", "booking_cancel", "completion_record", "session_book"]
