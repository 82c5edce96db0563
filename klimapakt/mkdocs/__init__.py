"""Everything that knows MkDocs or Material: profile pages and their front matter, the search index, theme repairs."""
