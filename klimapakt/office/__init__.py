"""Tools for the pact office: bring a partner list in from a spreadsheet (`import`), the spreadsheet
template, the monthly monitoring report and the link check.

They work on the registries through the loader and the field declarations, like the site does:
an import is checked by the same loader as any pull request before anything is written.
"""
