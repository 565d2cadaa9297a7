from rest_framework import pagination


class Pagination(pagination.PageNumberPagination):
    """The tutorial's page numbers (with a COUNT), and a page_size parameter as the project has."""

    page_size_query_param = "page_size"
    max_page_size = 100
