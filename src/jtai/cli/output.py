"""One console for every command, so output style stays the same everywhere."""

from __future__ import annotations

from rich.console import Console

console = Console()
errors = Console(stderr=True)
