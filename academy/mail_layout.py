"""Every mail in the academy's layout: its plain text, and the same text as HTML in the brand.

The site's mails are written as plain text (the templates under ``*/mail/``). Before a mail
leaves, add_html_alternative() adds an HTML part rendered from that text with one shared
template (``mail/base.html``): the academy's name (and logo) above, a readable column, the
links clickable, the academy's address below. The plain text stays the first part, for mail
programs that read only that. ``academy.outbox.send_once()`` and allauth's adapter
(``accounts.adapter.AccountAdapter.render_mail``) call it, so each mail gets it once.
"""

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string

from academy.sites import default_site_logo_url, default_site_name, default_site_url


def add_html_alternative(message: EmailMessage) -> EmailMessage:
    """Return the message with an HTML alternative of its plain-text body.

    A message that already is HTML, or already has an HTML alternative, is returned as is.
    """
    if message.content_subtype == "html" or any(
        alternative.mimetype == "text/html" for alternative in getattr(message, "alternatives", ())
    ):
        return message
    html = render_to_string(
        "mail/base.html",
        {
            "subject": message.subject,
            "body": message.body,
            "academy_name": default_site_name(),
            "site_url": default_site_url(),
            "logo_url": default_site_logo_url(),
        },
    )
    branded = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=message.extra_headers,
        attachments=message.attachments,
        alternatives=getattr(message, "alternatives", None),
    )
    branded.attach_alternative(html, "text/html")
    return branded
