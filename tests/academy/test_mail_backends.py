"""The development mail backend prints one line per mail and keeps the whole mail as .eml."""

from email import message_from_bytes, policy

import pytest

from django.core import mail
from django.core.mail import EmailMessage


@pytest.fixture
def saved_mail(settings, tmp_path):
    settings.MAILERS = {
        "default": {"BACKEND": "academy.mail_backends.SavedMailBackend", "OPTIONS": {"directory": tmp_path / "mail"}}
    }
    return tmp_path / "mail"


def test_each_mail_is_one_line_and_one_eml_file(saved_mail, capsys):
    pdf = b"%PDF-1.7\n" + b"x" * 20_000
    message = EmailMessage("Je attest", "Hallo An,\n\nIn de bijlage je attest.", to=["an@example.org"])
    message.attach("attest.pdf", pdf, "application/pdf")
    message.send()
    EmailMessage("Bevestig je inschrijving", "Hallo Bert", to=["bert@example.org"], cc=["c@example.org"]).send()

    printed = capsys.readouterr().out.splitlines()
    files = sorted(saved_mail.glob("*.eml"))
    assert len(printed) == 2
    assert len(files) == 2
    assert printed[0].startswith("Mail to an@example.org: 'Je attest', 1 attachment, saved in ")
    assert printed[0].endswith(files[0].name)
    assert printed[1].startswith("Mail to bert@example.org, c@example.org: 'Bevestig je inschrijving', 0 attachments")
    # No base64 in the console.
    assert max(len(line) for line in printed) < 200
    saved = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert saved["To"] == "an@example.org"
    assert saved["Subject"] == "Je attest"
    [attachment] = list(saved.iter_attachments())
    assert attachment.get_filename() == "attest.pdf"
    assert attachment.get_content() == pdf
    assert "In de bijlage je attest." in saved.get_body(("plain",)).get_content()


def test_mail_without_recipients_is_not_saved(saved_mail, capsys):
    assert mail.send_mail("Niemand", "Tekst", None, []) == 0

    assert capsys.readouterr().out == ""
    assert not saved_mail.exists() or not list(saved_mail.glob("*.eml"))


def test_development_settings_use_it(monkeypatch):
    import importlib

    from academy.settings import dev

    monkeypatch.delenv("MAILER_BACKEND", raising=False)
    assert importlib.reload(dev).MAILERS["default"]["BACKEND"] == "academy.mail_backends.SavedMailBackend"
    assert str(dev.MAILERS["default"]["OPTIONS"]["directory"]).endswith("var/mail")
