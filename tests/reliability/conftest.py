from tests.api.conftest import api, client_as, editor_api, reviewer_api, staff_api

__all__ = ["api", "client_as", "editor_api", "reviewer_api", "staff_api"]
