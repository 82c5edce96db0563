"""Spec kinds: how one kind of value is read, described in JSON Schema, named for staff and exported."""
