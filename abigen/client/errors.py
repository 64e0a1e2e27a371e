"""What client commands raise for the CLI to print: one line, and the exit code to use."""

from __future__ import annotations


class ClientError(Exception):
    """A user-facing failure. `code` 2 means the command line itself was wrong."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def usage(message: str) -> ClientError:
    return ClientError(message, 2)
