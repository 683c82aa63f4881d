"""The form of a request for one's personal data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class DataRequestForm:
    """An e-mail to which the one-time link to one's data is sent."""

    email: str = ""
