"""Personal data at rest: ID numbers encrypted, looked up by a keyed hash, shown masked.

Under PIPL an ID number is personal information. The table keeps three things: a Fernet
token (decryptable only with PERSONAL_DATA_KEY), an HMAC of the normalised number (for the
one-active-membership constraint and exact lookup; useless without the key, so a dump
cannot be brute-forced over the small space of valid numbers) and the last four characters
for search. A database dump alone reveals no full number.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet
from django.conf import settings


@cache
def _keys(secret: str) -> tuple[Fernet, bytes]:
    root = secret.encode()
    encrypt_key = hmac.new(root, b"unionportal/personal-data/encrypt", hashlib.sha256).digest()
    lookup_key = hmac.new(root, b"unionportal/personal-data/lookup", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(encrypt_key)), lookup_key


def encrypt(value: str) -> str:
    return _keys(settings.PERSONAL_DATA_KEY)[0].encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _keys(settings.PERSONAL_DATA_KEY)[0].decrypt(token.encode()).decode()


def lookup_hash(value: str) -> str:
    key = _keys(settings.PERSONAL_DATA_KEY)[1]
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def mask_id(number: str) -> str:
    """110105********1234: region and last four shown, the birth date and sequence hidden."""
    if len(number) <= 8:
        return number[:1] + "*" * (len(number) - 3) + number[-2:]
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[7:] if len(phone) == 11 else "*" * len(phone)
