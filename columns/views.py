"""Public endpoints of the columns: comments, the view-count beacon and the CSRF token a cached
page asks for."""

from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cms.security.ratelimits import limited

from . import counting
from .forms import CommentForm
from .models import ArticlePage


def live_article(page_id):
    article = get_object_or_404(ArticlePage.objects.live().public(), pk=page_id)
    return article


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@never_cache
@require_GET
def csrf_token(request):
    """The token a cached article page's comment form fetches before posting."""
    return JsonResponse({"token": get_token(request)})


@never_cache
@require_http_methods(["GET", "POST"])
def post_comment(request, page_id):
    """Take a reader's comment on an article; it waits for moderation."""
    article = live_article(page_id)
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST)
        if limited(request, "comments", ["POST"]):  # per client address only
            message = _(
                "You have sent several comments in a short time. "
                "Please wait a few minutes and try again."
            )
            if wants_json(request):
                return JsonResponse({"ok": False, "message": message}, status=429)
            return render(
                request,
                "columns/comment_result.html",
                {"article": article, "message": message, "failed": True},
                status=429,
            )
        if form.is_valid():
            if not form.is_spam():
                comment = form.save(commit=False)
                comment.page = article
                comment.save()
            message = _("Thank you! Your comment will appear once the union's editors approve it.")
            if wants_json(request):
                return JsonResponse({"ok": True, "message": message}, status=201)
            return render(
                request,
                "columns/comment_result.html",
                {"article": article, "message": message},
                status=201,
            )
        status = 400
        if wants_json(request):
            return JsonResponse({"ok": False, "errors": form.errors.get_json_data()}, status=400)
    else:
        form = CommentForm()
    return render(
        request, "columns/comment_form_page.html", {"article": article, "form": form}, status=status
    )


@csrf_exempt  # posted from cached pages; it only counts, once per visitor per day
@never_cache
@require_POST
def count_view(request, page_id):
    """The view-count beacon of an article page."""
    try:
        article = ArticlePage.objects.live().public().only("pk").get(pk=page_id)
    except ArticlePage.DoesNotExist:
        raise Http404 from None
    counted = counting.record_view(request, article)
    return JsonResponse({"counted": counted, "views": counting.total_views(article)})
