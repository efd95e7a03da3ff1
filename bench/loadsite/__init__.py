"""The load benchmark's site: the product's settings and URLs plus the framework's floor view."""
