"""The generic ``label_values`` records of Facebook's newer files (2021 on): a list of ``{label, value |
timestamp_value | href | vec}`` and titled blocks ``{title, dict: [{title: "", dict: [{label, value}]}]}``.

Labels and titles are written in the account's language ("Name", "Tên", "Nazwa"; "Author", "Tác giả"), so
a value is told by its place and form first and a label table is the fallback, never the only way.
"""

from __future__ import annotations

from .text import as_list, name_of

# Labels of a person's name, casefolded: English; Vietnamese and Polish as a colleague saw them in real
# exports [U: no file seen here]; Traditional Chinese 名稱 (VoidPharah41/fb_old likes_and_reactions.html, 2025: 580
# records) [C]. A block's name is otherwise its first value that is not a link.
NAME_LABELS = {"name", "tên", "nazwa", "imię", "名稱"}
# Labels of a link: English; Traditional Chinese 網址 (VoidPharah41/fb_old likes_and_reactions.html, 2025) [C].
URL_LABELS = {"url", "網址"}


def entries(item: dict) -> list[dict]:
    """The ``label_values`` entries of a record that are objects."""
    return [e for e in as_list(item.get("label_values")) if isinstance(e, dict)]


def labelled(items: list[dict], labels: set[str]) -> str | None:
    """The first text value whose label (casefolded) is one of ``labels``."""
    return next((name_of(e.get("value")) for e in items if _label(e) in labels and name_of(e.get("value"))), None)


def label_key(entry: dict) -> str:
    """An entry's label or a block's title as it is compared: repaired, casefolded ("" when it has none)."""
    return _label(entry)


def _label(entry: dict) -> str:
    """An entry's label or a block's title, the mojibake repaired, casefolded."""
    label = name_of(entry.get("label", entry.get("title")))
    return label.casefold() if label else ""


def only_text(items: list[dict]) -> str | None:
    """The one text value of entries that hold one (besides links and times): a name whatever its label says."""
    found = texts(items)
    return found[0] if len(found) == 1 else None


def texts(items: list[dict]) -> list[str]:
    """Every text value that is not a link, in order."""
    values = [name_of(e.get("value")) for e in items]
    return [v for v in values if v and not is_link(v)]


def is_link(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def blocks(item: dict) -> list[tuple[str, list[dict]]]:
    """The titled blocks of a record, each as (title casefolded, its inner entries); the inner ``dict`` is
    one more level of ``[{title: "", dict: [...]}]`` in the files seen, and read flat when it is not."""
    found = []
    for entry in entries(item):
        inner = [d for d in as_list(entry.get("dict")) if isinstance(d, dict)]
        if inner:
            flat = [e for d in inner for e in (as_list(d.get("dict")) if "dict" in d else [d]) if isinstance(e, dict)]
            found.append((_label(entry), flat))
    return found


def person_of(items: list[dict]) -> tuple[str | None, str | None]:
    """(name, Facebook link) of a block: the name by its label, else its first text that is no link."""
    name = labelled(items, NAME_LABELS) or next(iter(texts(items)), None)
    links = [v for e in items for v in [name_of(e.get("value")) or name_of(e.get("href"))] if v and is_link(v)]
    return name, next((v for v in links if "facebook.com/" in v), None)
