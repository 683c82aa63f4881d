"""Who is signed in, and the forms of the account pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class CurrentUser:
    """The signed-in person and their roles per office (office id → "official" | "office_head")."""

    id: int
    email: str
    full_name: str
    is_admin: bool
    roles: Mapping[int, str] = field(default_factory=dict)

    @property
    def is_staff(self) -> bool:
        """Works for an office, or administers the system."""
        return self.is_admin or bool(self.roles)

    def may_review(self, office_id: int) -> bool:
        """May see the unpublished side of this office's consultations."""
        return self.is_admin or office_id in self.roles

    def may_publish(self, office_id: int) -> bool:
        """May open and close this office's consultations and publish their reports."""
        return self.is_admin or self.roles.get(office_id) == "office_head"

    @property
    def display_name(self) -> str:
        return self.full_name or self.email


@dataclass
class SignInForm:
    email: str = ""
    password: str = ""
    next: str = ""


@dataclass
class PasswordChangeForm:
    current_password: str = ""
    new_password: str = ""
    new_password_again: str = ""


@dataclass
class ResetRequestForm:
    email: str = ""


@dataclass
class ResetForm:
    new_password: str = ""
    new_password_again: str = ""
