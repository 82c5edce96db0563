"""Generated files for readers and other programs: news feeds, calendars, partner badges."""
