from django.utils.translation import gettext_lazy as _


class EvaluationError(Exception):
    message = _("Deze evaluatie kan niet bewaard worden.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class EvaluationAlreadyAnswered(EvaluationError):
    message = _("Deze evaluatie is al ingevuld. Je kan ze maar één keer invullen.")
