"""A mail server that can be switched off, as an SMTP outage looks to Django: the backend
raises ``SMTPServerDisconnected`` (an ``OSError``) while it is down."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class Outage:
    down = False


class FlakySMTPBackend(EmailBackend):
    def send_messages(self, messages):
        if Outage.down:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
