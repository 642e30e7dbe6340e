"""Development mail: each message written to its own `.eml` file, readable as it is.

Open a file in a mail program, or in a text editor: the plain-text part is written unencoded, so
links (the address-confirmation link, for one) can be copied or clicked as they are. The folder
is EMAIL_FILE_PATH ("sent-mail" in the project by default); docs/development.md says so.
"""

import re
from email import policy
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django.utils.text import slugify

READABLE = policy.default.clone(linesep="\n", cte_type="8bit", max_line_length=998)


class EmlFileBackend(BaseEmailBackend):
    def __init__(self, file_path="sent-mail", **kwargs):
        super().__init__(**kwargs)
        self.folder = Path(file_path)

    def send_messages(self, email_messages):
        self.folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            self.write(message)
        return len(email_messages)

    def write(self, message):
        mime = message.message(policy=READABLE)
        for part in mime.walk():
            if part.get_content_type() == "text/plain" and not part.is_attachment():
                # Quoted-printable would break long links across lines: write the text as it is.
                text = part.get_content()
                part.set_content(text, subtype="plain", charset="utf-8", cte="8bit")
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
        name = slugify(re.sub(r"\s+", " ", message.subject))[:60] or "message"
        path = self.folder / f"{stamp}-{name}.eml"
        path.write_bytes(mime.as_bytes(policy=READABLE))
        return path
