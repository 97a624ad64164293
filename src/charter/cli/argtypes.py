"""Argument types shared by commands, checked by argparse itself (exit 2 with usage)."""

from __future__ import annotations

import argparse
import math


def seconds(text: str) -> float:
    """A duration in seconds: a number above 0 (``inf`` for no limit). ``nan`` failed
    every request at once ("no answer within nan s"), and ``0`` or a negative deadline
    recorded a run that had stopped before it began."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if math.isnan(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {text!r}")
    return value
