"""Messages say what they are: a word, a colour and the right role for screen readers."""

import re

import pytest


@pytest.mark.urls("tests.academy.urls_with_messages")
def test_each_level_has_its_word_class_and_role(client, site):
    html = client.get("/berichten/").content.decode()

    shown = re.findall(
        r'<div class="message message--(\w+)" role="(\w+)">\s*'
        r'<p><strong class="message-label">([^<]+)</strong> ([^<]+)</p>',
        html,
    )
    assert shown == [
        ("success", "status", "Gelukt:", "Je bent ingeschreven."),
        ("info", "status", "Info:", "Je sessie was verlopen. Probeer opnieuw."),
        ("warning", "alert", "Let op:", "Deze editie is bijna volzet."),
        ("error", "alert", "Fout:", "Dat is niet gelukt."),
    ]
