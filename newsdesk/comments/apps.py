from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "newsdesk.comments"
    label = "comments"
    verbose_name = "Reader comments"
