"""The naive baseline: the DRF tutorial approach on the project's own tables."""
