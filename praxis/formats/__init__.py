"""Date and time formats for the interface languages whose Django locale lacks some: without
them a date falls back to English word order ("ديسمبر 26, 2026, 9 ص") or to the English
12-hour clock. Written from each language's common long date and time (CLDR). Vietnamese is
here too: Django has its formats, but they capitalise words a date in running text writes in
lower case."""
