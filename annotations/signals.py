"""A user's API tokens are revoked when their password changes.

Whatever changes it (the password change page, the admin, ``changepassword``, a reset, a script
calling ``set_password``), the user row is saved with another password hash: the hash stored
before the save is compared with the one being saved. The one change that is no new password
is Django rehashing it at login with a stronger hasher (``check_password``'s setter, which
saves ``update_fields=["password"]`` without remembering a new raw password); it keeps the
tokens.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher, identify_hasher
from django.db.models.signals import post_save, pre_save

from annotations import services

_CHANGED = "_newsreader_password_changed"


def _is_rehash(user, old_hash: str, update_fields) -> bool:
    """Django upgrading the stored hash of the same password (see the module's docstring)."""
    if update_fields is None or set(update_fields) != {"password"}:
        return False
    if getattr(user, "_password", None) is not None:  # set_password() was called with a password
        return False
    try:
        old_hasher = identify_hasher(old_hash)
    except ValueError:
        return False
    return old_hasher.algorithm != get_hasher().algorithm or old_hasher.must_update(old_hash)


def remember_password_change(sender, instance, raw=False, update_fields=None, **kwargs):
    setattr(instance, _CHANGED, False)
    if raw or instance.pk is None:
        return
    if update_fields is not None and "password" not in update_fields:
        return  # e.g. last_login at every login: no query
    old_hash = (
        sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    )
    if old_hash is None or old_hash == instance.password:
        return
    setattr(instance, _CHANGED, not _is_rehash(instance, old_hash, update_fields))


def revoke_tokens_on_password_change(sender, instance, created=False, raw=False, **kwargs):
    if getattr(instance, _CHANGED, False) and not created and not raw:
        setattr(instance, _CHANGED, False)
        services.tokens_revoke_all(user=instance)


def connect() -> None:
    user_model = get_user_model()
    pre_save.connect(
        remember_password_change, sender=user_model, dispatch_uid="annotations.password.pre"
    )
    post_save.connect(
        revoke_tokens_on_password_change,
        sender=user_model,
        dispatch_uid="annotations.password.post",
    )
