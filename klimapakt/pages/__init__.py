"""Pages and news posts under docs/ as data: front matter, size and nesting limits, macro calls, markup, links.

`check` and the build call `check.page_problems`, so a page the check refuses never builds.
"""
