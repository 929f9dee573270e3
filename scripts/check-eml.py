#!/usr/bin/env python3
"""Check the introductions notify wrote, as a mail client would read them.

Usage: scripts/check-eml.py OUTBOX

Every .eml in OUTBOX must parse with Python's email package (strict policy),
name a recipient, have a text part with no unfilled {placeholder}, and carry a
text/calendar attachment that is a VCALENDAR with at least one VEVENT, each
with a UID, DTSTART and DTEND. Prints "N messages ok" or the problems, and
exits 1 on any problem.
"""
import email
import glob
import os
import re
import sys
from email import policy


def check(path):
    problems = []
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=policy.strict)
    if not msg["To"]:
        problems.append("no To")
    if not msg["Subject"] or "{" in str(msg["Subject"]):
        problems.append("subject missing or with a placeholder left")
    body = msg.get_body(preferencelist=("plain",))
    if body is None:
        problems.append("no text part")
    elif re.search(r"\{[a-z_]+\}", body.get_content()):
        problems.append("a placeholder is left in the text")
    cals = [p for p in msg.iter_attachments() if p.get_content_type() == "text/calendar"]
    if not cals:
        problems.append("no calendar attached")
    for cal in cals:
        text = cal.get_content()
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        lines = text.replace("\r\n ", "").split("\r\n")
        if lines[0] != "BEGIN:VCALENDAR" or "END:VCALENDAR" not in lines:
            problems.append("the attachment is not a VCALENDAR")
        events = text.count("BEGIN:VEVENT")
        if events == 0:
            problems.append("the calendar has no event")
        for key in ("UID:", "DTSTART:", "DTEND:"):
            if sum(1 for l in lines if l.startswith(key)) != events:
                problems.append("an event lacks " + key.rstrip(":"))
    return problems


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    paths = sorted(glob.glob(os.path.join(sys.argv[1], "*.eml")))
    bad = 0
    for path in paths:
        for p in check(path):
            print(f"{path}: {p}")
            bad += 1
    if bad or not paths:
        print(f"{bad} problems in {len(paths)} messages")
        return 1
    print(f"{len(paths)} messages ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
