"""What every page's header shows of the reader's annotations."""

from django.utils.functional import cached_property

from annotations.selectors import ACTIVITY_COUNT_CAP, activity_unread_count, annotated_read


class UnreadActivity:
    """The reader's number of unread activity items, counted (one query) only when a template
    asks for it, at most once per request."""

    def __init__(self, user, request):
        self.user, self.request = user, request

    @cached_property
    def count(self) -> int:
        # The page's first query may have told whether the reader has annotations.
        return activity_unread_count(self.user, annotated_read(self.request))

    @property
    def label(self) -> str:
        """The number, or "99+" from the cap on (counting stops there)."""
        return f"{ACTIVITY_COUNT_CAP - 1}+" if self.count >= ACTIVITY_COUNT_CAP else str(self.count)


def activity(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"activity_unread": UnreadActivity(user, request)}
