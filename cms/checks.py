"""System checks for a deployment (registered by CmsConfig.ready, run with `check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from cms.sites import default_site, site_address


@register(Tags.sites, deploy=True)
def site_matches_base_url(app_configs, **kwargs):
    """cms.W001: the default Site and BASE_URL name the same address, or shared links name
    the wrong host."""
    url = settings.WAGTAILADMIN_BASE_URL
    try:
        expected = site_address(url)
    except ValueError as error:
        return [Warning(str(error), id="cms.W002")]
    try:
        site = default_site()
    except DatabaseError:
        return []  # no database yet (an image build): nothing to compare
    if site is None or (site.hostname, site.port) == expected:
        return []
    return [
        Warning(
            f"The default Wagtail site is {site.hostname}:{site.port} but BASE_URL is {url}: "
            "canonical and shared links will name the wrong address.",
            hint="Run `manage.py set_site_url` (the stack and the Docker image do on start).",
            id="cms.W001",
        )
    ]
