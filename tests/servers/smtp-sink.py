#!/usr/bin/python3
# A real SMTP server for the tests: Debian's python3-aiosmtpd on 127.0.0.1, on a free port, storing every message
# it receives as OUT_DIR/NNN.eml (the DATA as received) with NNN.rcpt (the RCPT TO addresses, one per line).
# Writes the port to OUT_DIR/port once it listens; runs until killed.
#
#   smtp-sink.py OUT_DIR
import os
import socket
import sys
import time

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(self.folder, "%03d" % self.count)
        with open(stem + ".rcpt", "w", encoding="utf-8") as rcpt:
            rcpt.write("\n".join(envelope.rcpt_tos) + "\n")
        with open(stem + ".tmp", "wb") as data:
            data.write(envelope.original_content or envelope.content)
        os.rename(stem + ".tmp", stem + ".eml")  # whole files only: the test polls for .eml
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    for attempt in range(20):  # another test may take the port between the probe and the bind
        port = free_port()
        controller = Controller(Store(folder), hostname="127.0.0.1", port=port)
        try:
            controller.start()
            break
        except Exception:
            time.sleep(0.1)
    else:
        sys.exit("smtp-sink.py: no free port")
    with open(os.path.join(folder, "port.tmp"), "w") as out:
        out.write(str(port))
    os.rename(os.path.join(folder, "port.tmp"), os.path.join(folder, "port"))
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
