from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import services
from accounts.forms import ProfileForm


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
