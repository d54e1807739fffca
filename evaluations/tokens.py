"""The one-time link of an evaluation: derived, never stored.

An invitation keeps a random nonce and the hash of its token. The token itself is the
nonce signed with the SECRET_KEY, so the first mail, the reminder and Mijn academie all
give the same link without the token being kept, and a copy of the database alone opens
no evaluation. Changing the SECRET_KEY invalidates the links that were sent.
"""

import hashlib
import secrets

from django.utils.crypto import salted_hmac

KEY_SALT = "evaluations.invitation"


def new_nonce() -> str:
    return secrets.token_hex(32)


def token_for(nonce: str) -> str:
    return salted_hmac(KEY_SALT, nonce, algorithm="sha256").hexdigest()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
