from wagtail.admin.forms import WagtailAdminModelForm

from courses.services import save_edition


class EditionForm(WagtailAdminModelForm):
    def save(self, commit=True):
        edition = super().save(commit=False)
        if commit:
            save_edition(edition)
            self.save_m2m()
        return edition
