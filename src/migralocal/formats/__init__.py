"""Date and number formats for interface languages Django does not ship (FORMAT_MODULE_PATH)."""
