"""A development mail backend: one line per mail in the console, the whole mail kept as a file.

Django's console backend prints every mail whole, certificates' PDFs as pages of base64;
this one prints who, what and where, and saves the mail as an ``.eml`` file that any mail
program opens, attachments included.
"""

import itertools
import os
import sys
import threading
from datetime import datetime
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

_numbers = itertools.count(1)


class SavedMailBackend(BaseEmailBackend):
    """Save each mail as ``<directory>/<time>-<n>.eml`` and print one line about it."""

    def __init__(self, *, directory, stream=None, **kwargs):
        super().__init__(**kwargs)
        self.directory = Path(directory)
        self.stream = stream or sys.stdout
        self._lock = threading.Lock()

    def send_messages(self, email_messages):
        sent = 0
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._lock:
            for message in email_messages:
                if not message.recipients():
                    continue
                path = self.directory / f"{datetime.now():%Y%m%d-%H%M%S}-{next(_numbers):04d}.eml"
                path.write_bytes(message.message().as_bytes())
                self.stream.write(f"{self.describe(message, path)}\n")
                self.stream.flush()
                sent += 1
        return sent

    @staticmethod
    def describe(message, path):
        attachments = len(message.attachments)
        try:
            shown = os.path.relpath(path)
        except ValueError:
            shown = str(path)
        return (
            f"Mail to {', '.join(message.recipients())}: {message.subject!r}, "
            f"{attachments} attachment{'' if attachments == 1 else 's'}, saved in {shown}"
        )
