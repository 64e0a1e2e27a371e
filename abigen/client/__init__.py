"""The client CLI: call, send, deploy, read logs, decode and inspect straight from an ABI."""
