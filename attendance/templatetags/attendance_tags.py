"""Presentation of the check-in code."""

import segno

from django import template

register = template.Library()


@register.filter
def qr_data_uri(url):
    """The URL as a QR code, an SVG data URI for an <img> (which carries the alt text)."""
    return segno.make(url, error="m").svg_data_uri(scale=6, border=2)
