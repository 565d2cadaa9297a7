from rest_framework import pagination

MAX_PAGE_SIZE = 100


class PageNumberPagination(pagination.PageNumberPagination):
    """Page numbers for the small tables; ``page_size`` is clamped to 100."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
