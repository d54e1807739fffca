from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts import services
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.personal_data import anonymise_account, export_personal_data


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_profile(request):
    """Show and save the profile of the person who is logged in; nobody else's is reachable."""
    profile = services.get_or_create_profile(request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, profile=profile)
    if request.method == "POST" and form.is_valid():
        services.update_profile(profile, **form.cleaned_data)
        messages.success(request, _("Je profiel is bewaard."))
        return redirect("accounts:profile_edit")
    return render(request, "accounts/profile_form.html", {"form": form, "profile": profile})


@login_required
@require_safe
def download_personal_data(request):
    response = JsonResponse(export_personal_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    """Ask for confirmation, then erase the person in place and log them out."""
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        person = request.user
        logout(request)
        anonymise_account(person)
        messages.success(request, _("Je account is verwijderd. Je gegevens zijn gewist."))
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})
