#!/usr/bin/python3
"""Writes <name>.expected beside every .ics of the real-world corpus: the occurrences an independent
reader (python-recurring-ical-events on python-icalendar, not ical4j) shows in a fixed window.

Run once after adding files. The reader is the newest source of both projects (Debian's packaged
icalendar 4.0.3 cannot read a third of the corpus), run from a source checkout, see README.md here:
    PYTHONPATH=<icalendar>/src:<recurring-ical-events>:<x-wr-timezone> /usr/bin/python3 \
        tools/real-world-corpus/expect.py feed-ingest-service/src/test/resources/real-world
The Java test (RealWorldCorpusTest) reads only the committed .expected files.

Format: a header line per setting, then one line per occurrence, sorted:
    <start> | <summary>
where <start> is yyyy-mm-dd for an all-day occurrence and an ISO instant in UTC otherwise. A floating
time is read in the calendar's X-WR-TIMEZONE, else UTC (calsync's default zone in the test).
Cancelled occurrences (STATUS:CANCELLED) are not shown by calendar apps and are left out.
"""
import datetime
import pathlib
import sys
import zoneinfo

import icalendar
import recurring_ical_events

WINDOW_FROM = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
WINDOW_TO = datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc)
# a rule without end gives thousands of occurrences; the window then ends before the first one past the cap
CAP = 2000


def floating_zone(calendar):
    name = calendar.get("X-WR-TIMEZONE")
    if name is not None:
        try:
            return zoneinfo.ZoneInfo(str(name).strip())
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return datetime.timezone.utc


def start_key(value, zone):
    """(sort instant, text) of an occurrence's start."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        utc = value.astimezone(datetime.timezone.utc)
        return utc, utc.strftime("%Y-%m-%dT%H:%M:%SZ")
    midnight = datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.timezone.utc)
    return midnight, value.isoformat()


def calendars(data):
    """Every calendar of the file; a component outside any VCALENDAR is read as a calendar of its own."""
    result = []
    for component in icalendar.Component.from_ical(data, multiple=True):
        if component.name == "VCALENDAR":
            result.append(component)
        else:
            wrapper = icalendar.Calendar()
            wrapper.add_component(component)
            result.append(wrapper)
    return result


def occurrences_of(calendar):
    zone = floating_zone(calendar)
    occurrences = []
    for event in recurring_ical_events.of(calendar).between(WINDOW_FROM - datetime.timedelta(days=2),
                                                            WINDOW_TO + datetime.timedelta(days=2)):
        if str(event.get("STATUS", "")).strip().upper() == "CANCELLED":
            continue
        at, text = start_key(event["DTSTART"].dt, zone)
        if WINDOW_FROM <= at < WINDOW_TO:
            summary = str(event.get("SUMMARY", "")).strip().replace("\r", "").replace("\n", "\\n")
            occurrences.append((at, text + " | " + summary))
    return occurrences


def split_by_uid(calendar):
    """One calendar per UID (series and its overrides together), each with all of the file's VTIMEZONEs."""
    groups = {}
    for index, component in enumerate(calendar.subcomponents):
        if component.name == "VEVENT":
            uid = str(component.get("UID", "")) or "#%d" % index
            groups.setdefault(uid, []).append(component)
    for uid, events in groups.items():
        part = icalendar.Calendar()
        for key, value in calendar.items():
            part[key] = value
        for component in calendar.subcomponents:
            if component.name == "VTIMEZONE":
                part.add_component(component)
        for event in events:
            part.add_component(event)
        yield uid, part


def expected(path):
    """Occurrences of the file; an event the independent reader cannot read is left out (and named)."""
    occurrences = []
    unreadable = []
    for calendar in calendars(path.read_bytes()):
        try:
            occurrences += occurrences_of(calendar)
        except Exception:
            for uid, part in split_by_uid(calendar):
                try:
                    occurrences += occurrences_of(part)
                except Exception as error:
                    unreadable.append("unreadable-event " + uid[:80] + ": " + type(error).__name__)
    occurrences.sort()
    window_to = WINDOW_TO
    if len(occurrences) > CAP:
        window_to = occurrences[CAP][0]
        occurrences = [o for o in occurrences if o[0] < window_to]
    lines = ["window " + WINDOW_FROM.strftime("%Y-%m-%dT%H:%M:%SZ") + " " + window_to.strftime("%Y-%m-%dT%H:%M:%SZ")]
    lines += unreadable
    lines += sorted(o[1] for o in occurrences)
    return lines


def main(folder):
    header = "# independent reading (python-icalendar, python-recurring-ical-events; see tools/real-world-corpus/README.md)"
    for path in sorted(pathlib.Path(folder).glob("*.ics")):
        try:
            lines = expected(path)
        except Exception as error:  # the independent reader cannot read it: no expectation to compare with
            lines = ["unreadable " + type(error).__name__ + ": " + str(error).splitlines()[0][:200] if str(error) else "unreadable " + type(error).__name__]
        path.with_suffix(".expected").write_text("\n".join([header] + lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
