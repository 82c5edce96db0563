"""From registry text to records: the registry declarations, the generic reader and the loader."""
