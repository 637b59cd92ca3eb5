"""Calendar helpers every layer uses, in one place (pure, stdlib only; importing it
loads nothing else, so the wizard can use it before its first frame)."""

from __future__ import annotations

import calendar
import datetime as dt


def local_today() -> dt.date:
    """Today's date in local time (the user's "today", as on their calendar). The core
    never calls it: "today" is passed in; the CLI, the wizard and the reports ask here."""
    return dt.datetime.now().astimezone().date()


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved `months` calendar months ahead, clamped to the month's last day
    (2026-01-31 + 1 month = 2026-02-28)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))
