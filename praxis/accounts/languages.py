"""Languages a person may say they speak: the six UN languages and the most widely spoken others.

Codes are ISO 639-1 (BCP 47 primary subtags). Each language is offered under its own name, so a
person finds theirs whatever the interface language, with the name in the interface language
beside it.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# (code, name in the language itself, name in the interface language)
SPOKEN_LANGUAGES: list[tuple[str, str, str | Promise]] = [
    ("ar", "العربية", _("Arabic")),
    ("zh", "中文", _("Chinese")),
    ("en", "English", _("English")),
    ("fr", "Français", _("French")),
    ("ru", "Русский", _("Russian")),
    ("es", "Español", _("Spanish")),
    ("pt", "Português", _("Portuguese")),
    ("hi", "हिन्दी", _("Hindi")),
    ("bn", "বাংলা", _("Bengali")),
    ("ur", "اردو", _("Urdu")),
    ("id", "Bahasa Indonesia", _("Indonesian")),
    ("ms", "Bahasa Melayu", _("Malay")),
    ("sw", "Kiswahili", _("Swahili")),
    ("am", "አማርኛ", _("Amharic")),
    ("ha", "Hausa", _("Hausa")),
    ("yo", "Yorùbá", _("Yoruba")),
    ("de", "Deutsch", _("German")),
    ("it", "Italiano", _("Italian")),
    ("tr", "Türkçe", _("Turkish")),
    ("fa", "فارسی", _("Persian")),
    ("uk", "Українська", _("Ukrainian")),
    ("pl", "Polski", _("Polish")),
    ("ja", "日本語", _("Japanese")),
    ("ko", "한국어", _("Korean")),
    ("vi", "Tiếng Việt", _("Vietnamese")),
    ("th", "ไทย", _("Thai")),
    ("tl", "Tagalog", _("Tagalog")),
    ("ta", "தமிழ்", _("Tamil")),
    ("te", "తెలుగు", _("Telugu")),
    ("mr", "मराठी", _("Marathi")),
    ("pa", "ਪੰਜਾਬੀ", _("Punjabi")),
    ("ne", "नेपाली", _("Nepali")),
]

SPOKEN_LANGUAGE_CODES = frozenset(code for code, _local, _name in SPOKEN_LANGUAGES)


def spoken_language_choices() -> list[tuple[str, str]]:
    """(code, label) pairs: "Kiswahili (Swahili)", or just the name when both are the same."""
    choices = []
    for code, local, name in SPOKEN_LANGUAGES:
        translated = str(name)
        choices.append((code, local if translated == local else f"{local} ({translated})"))
    return choices
