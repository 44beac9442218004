"""An HTML page from a package, written again as a lesson's Markdown.

The page is first reduced by the site's own sanitiser (no script, style, event handler or
unknown tag survives), then walked with the standard library's forgiving HTML parser: headings,
paragraphs, emphasis, lists, quotes, code, links and images become Markdown; tables stay as the
sanitised HTML Markdown allows. Each link and image address goes through `resolve`, which says
what it becomes (a stored file's address, the same web address, or nothing: its text alone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from praxis.core.markdown import sanitise

# (address, is an image, its text) → the address to write, or None to keep only the text.
Resolver = Callable[[str, bool, str], str | None]

BLOCKS = {"p", "div", "section", "article", "header", "footer", "figure", "figcaption"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
STRONG = {"strong", "b"}
EMPHASIS = {"em", "i"}
ESCAPED = "\\`*_[]<>"


def _escape(text: str) -> str:
    return "".join(f"\\{character}" if character in ESCAPED else character for character in text)


def _address(url: str) -> str:
    """A link's address as Markdown reads it whole, even with spaces or parentheses."""
    return f"<{url}>" if any(c in url for c in " ()") and "<" not in url and ">" not in url else url


@dataclass
class _List:
    ordered: bool
    count: int = 0


@dataclass
class _Link:
    href: str
    text: list[str] = field(default_factory=list)


class _Writer(HTMLParser):
    def __init__(self, resolve: Resolver) -> None:
        super().__init__(convert_charrefs=True)
        self.resolve = resolve
        self.out: list[str] = []
        self.lists: list[_List] = []
        self.quote = 0
        self.pre = 0
        self.link: _Link | None = None
        self.table: list[str] | None = None
        self.table_depth = 0

    # Writing

    def _emit(self, text: str) -> None:
        if self.link is not None:
            self.link.text.append(text)
        else:
            self.out.append(text)

    def _break(self, blank: bool = True) -> None:
        prefix = "> " * self.quote
        self._emit(("\n" + prefix if blank else "") + "\n" + prefix)

    # Parsing

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if self.table is not None:
            self._table_tag(tag, attrs, closing=False)
            return
        if tag == "table":
            self.table, self.table_depth = [], 1
            self._table_tag(tag, attrs, closing=False)
        elif tag in BLOCKS:
            self._break()
        elif tag in HEADINGS:
            self._break()
            self._emit("#" * HEADINGS[tag] + " ")
        elif tag == "br":
            self._emit("  ")
            self._break(blank=False)
        elif tag == "hr":
            self._break()
            self._emit("---")
            self._break()
        elif tag in STRONG:
            self._emit("**")
        elif tag in EMPHASIS:
            self._emit("*")
        elif tag == "code" and not self.pre:
            self._emit("`")
        elif tag == "pre":
            self._break()
            self._emit("```")
            self._break(blank=False)
            self.pre += 1
        elif tag == "blockquote":
            self.quote += 1
            self._break()
        elif tag in {"ul", "ol"}:
            self.lists.append(_List(ordered=tag == "ol"))
            self._break(blank=len(self.lists) == 1)
        elif tag == "li":
            self._list_item()
        elif tag == "a":
            self.link = _Link(attributes.get("href", ""))
        elif tag == "img":
            self._image(attributes)

    def handle_endtag(self, tag: str) -> None:
        if self.table is not None:
            self._table_tag(tag, [], closing=True)
            return
        if tag in BLOCKS or tag in HEADINGS:
            self._break()
        elif tag in STRONG:
            self._emit("**")
        elif tag in EMPHASIS:
            self._emit("*")
        elif tag == "code" and not self.pre:
            self._emit("`")
        elif tag == "pre" and self.pre:
            self.pre -= 1
            self._break(blank=False)
            self._emit("```")
            self._break()
        elif tag == "blockquote" and self.quote:
            self.quote -= 1
            self._break()
        elif tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
            self._break(blank=not self.lists)
        elif tag == "a" and self.link is not None:
            self._close_link()

    def handle_data(self, data: str) -> None:
        if self.table is not None:
            self.table.append(data.replace("<", "&lt;").replace(">", "&gt;"))
        elif self.pre:
            self._emit(data)
        else:
            words = " ".join(data.split())
            if data[:1].isspace():
                words = " " + words
            if data[-1:].isspace() and words.strip():
                words += " "
            target = self.link.text if self.link is not None else self.out
            written = "".join(target[-1:])
            if not written or written.endswith(("\n", "> ", "- ", ". ", " ")):
                words = words.lstrip()
            self._emit(_escape(words))

    # Pieces

    def _list_item(self) -> None:
        if not self.lists:
            self.lists.append(_List(ordered=False))
        current = self.lists[-1]
        current.count += 1
        self._break(blank=False)
        self._emit("   " * (len(self.lists) - 1))
        self._emit(f"{current.count}. " if current.ordered else "- ")

    def _image(self, attributes: dict[str, str]) -> None:
        alt = " ".join(attributes.get("alt", "").split())
        target = self.resolve(attributes.get("src", ""), True, alt)
        if target is None:
            self._emit(_escape(alt))
        elif target.startswith("!["):
            self._emit(target)  # the resolver wrote the whole image
        else:
            self._emit(f"![{_escape(alt)}]({_address(target)})")

    def _close_link(self) -> None:
        link, self.link = self.link, None
        assert link is not None
        text = "".join(link.text).strip()
        target = self.resolve(link.href, False, text) if link.href else None
        if target is None or target.startswith("["):
            self._emit(target if target else text)
        else:
            self._emit(f"[{text or _escape(target)}]({_address(target)})")

    def _table_tag(self, tag: str, attrs: list[tuple[str, str | None]], *, closing: bool) -> None:
        assert self.table is not None
        if tag == "table":
            self.table_depth += -1 if closing else (0 if self.table_depth == 1 else 1)
        if closing:
            self.table.append(f"</{tag}>")
            if tag == "table" and self.table_depth == 0:
                html, self.table = "".join(self.table), None
                self._break()
                self._emit(sanitise(html))
                self._break()
            return
        kept = "".join(f' {name}="{value or ""}"' for name, value in attrs if name != "style")
        self.table.append(f"<{tag}{kept}>")


def _tidy(markdown: str) -> str:
    lines = [line.rstrip() if not line.endswith("  ") else line for line in markdown.split("\n")]
    tidy: list[str] = []
    for line in lines:
        if not line.strip() and tidy and not tidy[-1].strip():
            continue
        tidy.append(line if line.strip() else "")
    return "\n".join(tidy).strip()


def to_markdown(html: str, resolve: Resolver) -> str:
    """The page's body as sanitised Markdown; only what lies in <body> (or all, if none)."""
    writer = _Writer(resolve)
    writer.feed(sanitise(_body(html)))
    writer.close()
    if writer.link is not None:
        writer._close_link()
    return _tidy("".join(writer.out))


def _body(html: str) -> str:
    lower = html.lower()
    start = lower.find("<body")
    if start < 0:
        return html
    start = lower.find(">", start) + 1
    end = lower.rfind("</body")
    return html[start : end if end > start else len(html)]


def page_title(html: str) -> str:
    """The text of the page's <title>, if it has one."""
    lower = html.lower()
    start, end = lower.find("<title"), lower.find("</title")
    if start < 0 or end < start:
        return ""
    start = lower.find(">", start) + 1
    return " ".join(html[start:end].split())[:200]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS or tag in HEADINGS or tag in {"ul", "ol", "table", "tr"}:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS or tag in HEADINGS:
            self.parts.append("\n\n")
        elif tag in {"td", "th"}:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        # Runs of white space become one space; lines are made tidy at the end.
        self.parts.append(" ".join(f"x{data}x".split())[1:-1])


def to_text(html: str) -> str:
    """The sanitised page's words as plain text, in paragraphs (for question stems and
    options, which are shown as text)."""
    reader = _Text()
    reader.feed(sanitise(html))
    reader.close()
    lines = [" ".join(line.split()) for line in "".join(reader.parts).split("\n")]
    return _tidy("\n".join(lines))
