from django.shortcuts import get_object_or_404, render

from .models import ArticlePage, paginate, visible_authors, visible_topics


def author_detail(request, slug):
    author = get_object_or_404(visible_authors().select_related("photo"), slug=slug)
    articles = ArticlePage.objects.for_listing().by_author(author)
    return render(
        request,
        "news/author_detail.html",
        {"author": author, "articles": paginate(request, articles)},
    )


def topic_detail(request, slug):
    topic = get_object_or_404(visible_topics(), slug=slug)
    articles = ArticlePage.objects.for_listing().on_topics([topic.pk])
    return render(
        request,
        "news/topic_detail.html",
        {"topic": topic, "articles": paginate(request, articles)},
    )
