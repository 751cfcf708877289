#!/usr/bin/python3
# Reads baton's task outputs back with real parsers and prints what they hold, for tests/cli/test_cli_tasks.cpp:
#   ics FILE...  Debian's python3-icalendar: per VTODO "UID|DUE|SUMMARY|PRIORITY|STATUS|RELATED-TO,..." and
#                a first line "calendar N" with the number of VTODOs (any parse error exits 1)
#   eml FILE...  Python's email module (strict policy): "To|Subject|part types" per message
import sys
from email import message_from_bytes, policy

import icalendar


def show_ics(path):
    with open(path, "rb") as data:
        calendar = icalendar.Calendar.from_ical(data.read())
    todos = list(calendar.walk("VTODO"))
    print("calendar %d" % len(todos))
    for todo in todos:
        related = todo.get("RELATED-TO")
        if related is None:
            related = []
        elif not isinstance(related, list):
            related = [related]
        print("|".join([str(todo["UID"]), todo["DUE"].dt.strftime("%Y-%m-%dT%H:%M:%S%z"), str(todo["SUMMARY"]),
                        str(todo["PRIORITY"]), str(todo["STATUS"]), ",".join(str(r) for r in related),
                        str(len(str(todo.get("DESCRIPTION", ""))))]))


def show_eml(path):
    with open(path, "rb") as data:
        message = message_from_bytes(data.read(), policy=policy.strict)
    types = [part.get_content_type() for part in message.walk() if not part.is_multipart()]
    print("|".join([str(message["To"]), str(message["Subject"]), ",".join(types)]))


def main():
    kind, files = sys.argv[1], sys.argv[2:]
    for path in files:
        (show_ics if kind == "ics" else show_eml)(path)


if __name__ == "__main__":
    main()
