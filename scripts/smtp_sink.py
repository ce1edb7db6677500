"""A tiny SMTP server that keeps every message it receives as a file, for the native stack.

The stack's journeys read what the site sent from the folder, and stop this process to play an
SMTP outage. Standard library only (asyncio); it speaks just enough SMTP for Django's backend:
HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT. No TLS, no authentication: loopback only.

Usage: python scripts/smtp_sink.py --port 8085 --folder .stack/mail
"""

import argparse
import asyncio
import itertools
import time
from pathlib import Path


class Sink:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.counter = itertools.count(1)

    def keep(self, sender, recipients, data):
        name = f"{time.time_ns()}-{next(self.counter)}.eml"
        envelope = f"X-Envelope-From: {sender}\r\nX-Envelope-To: {', '.join(recipients)}\r\n"
        partial = self.folder / f".{name}"
        partial.write_bytes(envelope.encode() + data)
        partial.rename(self.folder / name)  # readers never see half a message

    async def session(self, reader, writer):
        def reply(line):
            writer.write(f"{line}\r\n".encode())

        reply("220 doan-stack SMTP sink")
        sender, recipients = None, []
        while line := await reader.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb in {"HELO", "EHLO"}:
                reply("250 doan-stack")
            elif verb == "MAIL":
                sender, recipients = command.partition(":")[2].strip(), []
                reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.partition(":")[2].strip())
                reply("250 OK")
            elif verb == "DATA":
                reply("354 End data with <CR><LF>.<CR><LF>")
                await writer.drain()
                lines = []
                while (chunk := await reader.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                self.keep(sender, recipients, b"".join(lines))
                sender, recipients = None, []
                reply("250 OK: kept")
            elif verb in {"RSET", "NOOP"}:
                sender, recipients = (None, []) if verb == "RSET" else (sender, recipients)
                reply("250 OK")
            elif verb == "QUIT":
                reply("221 Bye")
                await writer.drain()
                break
            else:
                reply("502 Command not implemented")
            await writer.drain()
        writer.close()


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", required=True)
    args = parser.parse_args()
    sink = Sink(args.folder)
    server = await asyncio.start_server(sink.session, args.host, args.port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
