"""Keep the private links of registrations out of the logs.

An e-mail's link carries a registration's secret token once, in its path
(``/dang-ky/<token>/``; see events/views.py). Every handler of the project's logging passes this
filter, so Django's own messages ("Not Found: …") and the development server's access log show
``/dang-ky/[token]/``. The web server in front keeps its own access log: see the README.
"""

import logging
import re

PRIVATE_LINK = re.compile(r"(/dang-ky/)[A-Za-z0-9_-]{20,}")


def redact(text):
    return PRIVATE_LINK.sub(r"\1[token]", text)


class RedactPrivateLinks(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
