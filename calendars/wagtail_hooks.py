from wagtail import hooks

from calendars.ics import edition_calendar
from enrolment import extensions

# The .ics that enrolment's mails attach (enrolment.notifications).
hooks.register(extensions.EDITION_CALENDAR, edition_calendar)
