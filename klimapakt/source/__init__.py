"""A registry file from disk to YAML nodes: safe reading, limits, syntax errors in German, the reporting context."""
