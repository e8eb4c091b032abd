"""CPR numbers at rest (ADR 0005): encrypted with Fernet (AES-128-CBC + HMAC-SHA256), with a
keyed HMAC for exact look-ups. Only the birth-date part (DDMMÅÅ) is kept in clear — the part
the masked form shows anyway. The key comes from RESSOURCEMODEL_CPR_KEY; a copy of the database
alone does not reveal any CPR number."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cache

from cryptography.fernet import Fernet
from django.conf import settings


@cache
def _key() -> bytes:
    key = os.environ.get("RESSOURCEMODEL_CPR_KEY", "")
    if key:
        return key.encode()
    if not settings.DEBUG:
        raise RuntimeError("RESSOURCEMODEL_CPR_KEY skal sættes i produktion")
    # Development only: a key derived from the (development) secret key.
    digest = hashlib.sha256(("cpr:" + settings.SECRET_KEY).encode()).digest()
    return base64.urlsafe_b64encode(digest)


def encrypt(cpr: str) -> str:
    return Fernet(_key()).encrypt(cpr.encode()).decode() if cpr else ""


def decrypt(token: str) -> str:
    return Fernet(_key()).decrypt(token.encode()).decode() if token else ""


def lookup_hash(cpr: str) -> str:
    return hmac.new(_key(), cpr.encode(), hashlib.sha256).hexdigest() if cpr else ""
