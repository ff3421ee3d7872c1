from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control


@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers and feed readers that ask for /favicon.ico get the site's icon."""
    return redirect(static("favicon.svg"), permanent=True)
