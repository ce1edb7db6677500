from django import template

from organisation.workflow_guard import step_marker

register = template.Library()


@register.simple_tag
def review_step(page):
    return step_marker(page)
