"""MigraLocal: a platform for local migration governance."""
