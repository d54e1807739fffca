"""The private storage keeps apart from the public media root, and says so when it does not."""

from django.core import checks

from academy.private_storage import check_private_media_root


def test_system_check_refuses_a_private_root_inside_the_media_root(settings):
    settings.PRIVATE_MEDIA_ROOT = settings.MEDIA_ROOT / "prive"

    assert check_private_media_root in checks.registry.registry.get_checks()
    assert [error.id for error in check_private_media_root(None)] == ["academy.E001"]


def test_system_check_refuses_a_media_root_inside_the_private_root(settings):
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT / "media"

    assert [error.id for error in check_private_media_root(None)] == ["academy.E001"]


def test_system_check_accepts_separate_roots():
    assert check_private_media_root(None) == []
