"""The evaluation form behind the link in the mail: no login, the token is the key."""

from django.shortcuts import redirect, render

from evaluations import selectors, services
from evaluations.exceptions import EvaluationAlreadyAnswered, EvaluationError
from evaluations.forms import EvaluationForm


def answer(request, token):
    invitation = selectors.get_invitation_by_token(token)
    if invitation is None:
        return render(request, "evaluations/unknown_link.html", status=404)
    if invitation.is_answered:
        return render(request, "evaluations/already_answered.html", {"invitation": invitation}, status=410)
    form = EvaluationForm(request.POST or None, questions=selectors.list_questions(invitation))
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_evaluation(invitation, answers=form.answers())
        except EvaluationAlreadyAnswered:
            return render(request, "evaluations/already_answered.html", {"invitation": invitation}, status=410)
        except EvaluationError as exc:
            error = exc.message
        else:
            return redirect("evaluations:thanks")
    return render(
        request,
        "evaluations/answer.html",
        {"invitation": invitation, "edition": invitation.edition, "form": form, "error": error},
    )


def thanks(request):
    return render(request, "evaluations/thanks.html")
