"""iCalendar (RFC 5545) files for one event or a feed of events, and the Google Calendar link."""

from datetime import UTC
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.html import strip_tags

PRODID = "-//Cong thong tin xa hoi hoc tap//Events//VI"


def _escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        char_bytes = char.encode()
        if len(current) + len(char_bytes) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += char_bytes
    parts.append(current.decode())
    return "\r\n ".join(parts)


def _utc(value):
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_location(event):
    return ", ".join(part for part in (event.venue_name, event.venue_address) if part) or event.online_url


def event_description(event, url):
    summary = event.summary or strip_tags(event.description)[:500]
    return "\n\n".join(part for part in (summary, event.online_url, url) if part)


def _vevent(event, url):
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.translation_key}@portal",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(event.end)}",
        f"SUMMARY:{_escape(event.title)}",
        f"DESCRIPTION:{_escape(event_description(event, url))}",
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if event.is_cancelled else 'CONFIRMED'}",
    ]
    location = event_location(event)
    if location:
        lines.append(f"LOCATION:{_escape(location)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events_with_urls, name=""):
    """The text of a VCALENDAR holding each (event, absolute URL) pair."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    if name:
        lines.append(f"X-WR-CALNAME:{_escape(name)}")
    lines.append("X-WR-TIMEZONE:Asia/Ho_Chi_Minh")
    for event, url in events_with_urls:
        lines.extend(_vevent(event, url))
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def google_calendar_link(event, url):
    params = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{_utc(event.start)}/{_utc(event.end)}",
        "details": event_description(event, url),
        "location": event_location(event),
        "ctz": "Asia/Ho_Chi_Minh",
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params)
