"""Working days on the Russian production calendar (производственный календарь).

152-FZ Art. 12 counts its periods in working days: RKN reviews a notice for 10 working
days, and the information obtained from a recipient is due within 10 working days of
RKN's request. A working day is a day that is neither a weekend nor a public holiday,
and the government moves days off every year by decree (a Saturday may become a working
day, a Friday a day off). The calendar comes from the maintained `holidays` package
(`holidays.RU`: public holidays, the decrees' transferred days off, and the transferred
working Saturdays in `weekend_workdays`, each year with its consultant.ru source in the
package). A workspace may correct a year whose decree came after the installed package
with `data/calendar_ru.toml`:

    [years.2028]
    holidays = [2028-01-09]     # extra days off
    workdays = [2028-01-15]     # weekend days that are working days
    source = "Government Decree No. ... of ..."

`add_working_days` is pure: the calendar is passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

CALENDAR_FILE = "calendar_ru.toml"


@dataclass(frozen=True)
class Calendar:
    """The Russian production calendar: the package's, with a workspace's corrections."""

    extra_holidays: frozenset[dt.date] = frozenset()
    extra_workdays: frozenset[dt.date] = frozenset()
    sources: tuple[str, ...] = field(default=())
    """Where the corrections come from (the override file's `source` per year)."""

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_workdays:
            return True
        if day in self.extra_holidays:
            return False
        return bool(_package_calendar(day.year).is_working_day(day))


@cache
def _package_calendar(year: int) -> Any:
    import holidays

    return holidays.country_holidays("RU", years=year)


SHIPPED = Calendar()
"""The package's calendar without corrections."""


def add_working_days(start: dt.date, n: int, calendar: Calendar = SHIPPED) -> dt.date:
    """The `n`-th working day after `start` (`start` itself not counted): the last day of
    a period of `n` working days that begins the day after `start`."""
    day = start
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def first_day_after(start: dt.date, n: int, calendar: Calendar = SHIPPED) -> dt.date:
    """The first day after a period of `n` working days counted from the day after `start`."""
    return add_working_days(start, n, calendar) + dt.timedelta(days=1)


def latest_start(first_allowed: dt.date, n: int, calendar: Calendar = SHIPPED) -> dt.date:
    """The latest day a period of `n` working days may begin counting from (the day of
    the notice) so that the first day after it is on or before `first_allowed`."""
    day = first_allowed - dt.timedelta(days=1)
    while first_day_after(day, n, calendar) > first_allowed:
        day -= dt.timedelta(days=1)
    return day


def load_calendar(workspace_data: str | None) -> Calendar:
    """The calendar with the workspace's `data/calendar_ru.toml` (if any) applied.
    Raises xborder.reference.ReferenceError naming the file when it is unusable."""
    if workspace_data is None:
        return SHIPPED
    path = Path(workspace_data) / CALENDAR_FILE
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return SHIPPED
    return _load(str(path), stamp)


@cache
def _load(path_text: str, stamp: float) -> Calendar:
    from xborder.reference import ReferenceError
    from xborder.tomlio import TomlError, locate, parse_toml

    path = Path(path_text)
    try:
        text = path.read_text(encoding="utf-8")
        data = parse_toml(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceError(path, f"cannot read: {exc}") from None
    except TomlError as exc:
        raise ReferenceError(path, exc.message, exc.line, exc.column) from None
    holidays_: set[dt.date] = set()
    workdays: set[dt.date] = set()
    sources: list[str] = []
    years = data.get("years", {})
    if not isinstance(years, dict):
        raise ReferenceError(path, "years: expected a table of years", *locate(text, ("years",)))
    for year, entry in years.items():
        if not isinstance(entry, dict):
            raise ReferenceError(path, f"years.{year}: expected a table", *locate(text, ("years", year)))
        for key, target in (("holidays", holidays_), ("workdays", workdays)):
            values = entry.get(key, [])
            if not isinstance(values, list):
                raise ReferenceError(path, f"years.{year}.{key}: expected a list of dates", *locate(text, ("years", year, key)))
            for index, value in enumerate(values):
                if not isinstance(value, dt.date) or str(value.year) != str(year):
                    raise ReferenceError(
                        path,
                        f"years.{year}.{key}[{index}]: expected a date in {year}",
                        *locate(text, ("years", year, key, index)),
                    )
                target.add(value)
        unknown = set(entry) - {"holidays", "workdays", "source"}
        if unknown:
            key = sorted(unknown)[0]
            raise ReferenceError(path, f"years.{year}.{key}: unknown key", *locate(text, ("years", year, key)))
        if isinstance(entry.get("source"), str) and entry["source"].strip():
            sources.append(f"{year}: {entry['source'].strip()}")
    return Calendar(frozenset(holidays_), frozenset(workdays), tuple(sources))
