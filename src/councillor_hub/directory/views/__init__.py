from .out_of_hours import OutOfHoursView

__all__ = ["OutOfHoursView"]
