"""`source.Reader`: YAML read as located nodes, and the messages it gives for bad values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_inline import work
from yaml.nodes import Node

from mkdocs_compare.data import reader
from mkdocs_compare.data.compose import MAX_ALIASES, MAX_EXPANDED, yaml_line
from mkdocs_compare.data.reader import Reader, is_identifier
from mkdocs_compare.errors import BlockError, DataError, display_path

READER = Reader("data/x.yml")


def document(text: str) -> Node:
    root = READER.parse(text)
    assert root is not None
    return root


def value(text: str) -> Node:
    """The value node of `v` in the mapping `text`."""
    return READER.mapping(document(text), "the text")["v"][1]


def failure(call: Callable[[], object]) -> DataError:
    """The `DataError` that `call` raises."""
    with pytest.raises(DataError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(
    ("text", "line", "phrase"),
    [
        ("a: 1\nb: c: d\n", 2, "put quotes around a text that holds `: `"),
        ("a:\n\t- b\n", 2, "indent with spaces, not tabs"),
        ("a: 1\nb: @x\n", 2, "put quotes around a text that starts with a special character"),
        ("a: 1\nb: *x\n", 2, "put quotes around a text that starts with `*`"),
        ("a: 1\n---\nb: 2\n", 2, "remove the `---` line"),
        # An unclosed quote is blamed where it opens, not at the end of the file.
        ('a: 1\nb: "open\nc: 2\nd: 3\n', 2, "close the quote opened on this line"),
        ("a: 1\nb: 'open\n", 2, "close the quote opened on this line"),
        ("a: 1\nb: [x, y\nc: 2\n", 2, "close the bracket opened on this line"),
        ("a: 1\nb: {x: y\n", 2, "close the bracket opened on this line"),
        ("a: 1\nb: [x, y\n", 2, "close the bracket opened on this line"),
        ("a:\n  - b\n c: d\n", 3, "line up the entries"),
        ("a: 1\nb: x\x00y\n", 2, "the character U+0000 is not allowed in YAML; delete it"),
        ("a: 1\n\nb: \x07\n", 3, "U+0007"),
    ],
)
def test_malformed_yaml_is_located_with_a_hint(text: str, line: int, phrase: str) -> None:
    error = failure(lambda: READER.parse(text))
    assert error.line == line
    assert str(error).startswith(f"data/x.yml:{line}: malformed YAML: ")
    assert phrase in str(error)


def test_lines_count_from_the_texts_first_line_and_use_the_readers_error_type() -> None:
    reader = Reader("page.md", first_line=10, error=BlockError)
    with pytest.raises(BlockError, match=r"^page\.md:11: malformed YAML"):
        reader.parse("a: 1\nb: c: d\n")
    with pytest.raises(BlockError, match=r"^page\.md:12: malformed YAML: the character"):
        reader.parse("a: 1\r\nb: 2\rc: \x01\n")


def test_an_empty_text_holds_no_document() -> None:
    assert READER.parse("") is None
    assert READER.parse("# only a comment\n") is None


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    error = failure(lambda: READER.parse("- " * 1000 + "x"))
    assert "nested too deeply" in str(error)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("v: 2025", 'must be text; put quotes around it if it is: "2025"'),
        ("v: yes", 'put quotes around it if it is: "yes"'),
        ("v: 1.5", '"1.5"'),
        ("v: 2025-11-25", '"2025-11-25"'),
        ("v:", "must not be empty"),
        ("v: ''", "must not be empty"),
        ("v: '   '", "must not be empty"),
        ("v: [a, b]", "must be text, not a list; write it on one line"),
        ("v: {a: b}", "must be text, not a mapping; put quotes around a text that holds `: `"),
        ("v: null", "must not be empty; write a value"),
        ("v: ~", "must not be empty; write a value"),
    ],
)
def test_text_refuses_other_types_with_a_hint(text: str, phrase: str) -> None:
    error = failure(lambda: READER.text(value("a: 1\n" + text), "`v`"))
    assert str(error).startswith("data/x.yml:2: `v` must ")
    assert phrase in str(error)


def test_text_keeps_the_value_exactly() -> None:
    assert READER.text(value("v: '  *a* <b> '"), "`v`") == "  *a* <b> "
    assert READER.text(value("v: '2025'"), "`v`") == "2025"


def test_texts_names_the_bad_entry() -> None:
    node = value("v:\n  - one\n  - 2\n")
    error = failure(lambda: READER.texts(node, "`v`"))
    assert (error.line, error.message) == (3, 'entry 2 of `v` must be text; put quotes around it '
                                              'if it is: "2"')
    error = failure(lambda: READER.texts(value("v: []"), "`v`"))
    assert error.message == "`v` must not be empty; give at least one entry"
    assert "must be a list (lines starting with `- `)" in str(
        failure(lambda: READER.texts(value("v: one"), "`v`"))
    )


@pytest.mark.parametrize("written", ["1", "+3", "42", "-2", "0"])
def test_integer_reads_decimal_whole_numbers(written: str) -> None:
    assert READER.integer(value(f"v: {written}"), "`v`") == int(written)


@pytest.mark.parametrize("written", ["1.0", "'1'", "one", "0x1F", "0b_", "1_000", "1:30", "true"])
def test_integer_refuses_anything_else(written: str) -> None:
    error = failure(lambda: READER.integer(value(f"v: {written}"), "`v`"))
    assert error.message == "`v` must be a whole number written in digits, such as `1`"


def test_boolean() -> None:
    assert READER.boolean(value("v: false"), "`v`") is False
    assert READER.boolean(value("v: True"), "`v`") is True
    # YAML 1.1, which the data is read as, also writes true as yes and on (any case).
    for written in ("yes", "Yes", "YES", "on", "On", "ON"):
        assert READER.boolean(value(f"v: {written}"), "`v`") is True
    for written in ("no", "off", "OFF", "False"):
        assert READER.boolean(value(f"v: {written}"), "`v`") is False
    error = failure(lambda: READER.boolean(value("v: maybe"), "`v`"))
    assert error.message == "`v` must be `true` or `false`"


def test_mapping_refuses_repeated_and_non_text_keys() -> None:
    root = document("a: 1\nb: 2\na: 3\n")
    error = failure(lambda: READER.mapping(root, "the thing"))
    assert (error.line, error.message) == (3, "`a` is given twice in the thing; keep one of them")
    root = document("a: 1\n2: b\n")
    error = failure(lambda: READER.mapping(root, "the thing"))
    assert (error.line, error.message) == (
        2, "keys of the thing must be plain words, not `2`; put quotes around a key that is a word"
    )
    root = document("a: 1\n? [x]\n: b\n")
    assert "not a collection" in failure(lambda: READER.mapping(root, "the thing")).message
    root = document("- a\n")
    assert "must be a mapping" in str(failure(lambda: READER.mapping(root, "the thing")))


def test_check_keys_suggests_the_closest_allowed_key() -> None:
    root = document("title: T\nlable: L\n")
    entries = READER.mapping(root, "the thing")
    error = failure(lambda: READER.check_keys(entries, root, "the thing", ("title",), ("label",)))
    assert (error.line, error.message) == (
        2, "unknown key `lable` in the thing; did you mean `label`? expected one of: title, label"
    )
    error = failure(lambda: READER.check_keys(entries, root, "the thing", ("title", "lable", "x")))
    assert (error.line, error.message) == (1, "the thing is missing `x`; add a line `x: ...`")
    root = document("zzz: 1\n")
    error = failure(lambda: READER.check_keys(READER.mapping(root, "it"), root, "it", ("title",)))
    assert error.message == "unknown key `zzz` in it; expected one of: title"


@pytest.mark.parametrize("good", ["a", "type-1", "key_risks", "x86-64"])
def test_identifiers(good: str) -> None:
    assert is_identifier(good)
    assert READER.identifier(value(f"v: {good}"), "`v`") == good


@pytest.mark.parametrize("bad", ["Type-1", "1st", "-a", "a b", "ä", "a.b", "_a", "aX", "a-X"])
def test_non_identifiers(bad: str) -> None:
    assert not is_identifier(bad)
    error = failure(lambda: READER.identifier(value(f"v: '{bad}'"), "`v`"))
    assert error.message == (f"`v` `{bad}` is not a valid id; use lower-case letters, digits, "
                             "`-` and `_`, starting with a letter")


def test_yaml_line_counts_line_breaks_as_pyyaml_does() -> None:
    text = "a\nb\r\nc\rd\u2028e"
    assert [yaml_line(text, text.index(c)) for c in "abcde"] == [0, 1, 2, 3, 4]


def test_display_path(tmp_path: Path) -> None:
    assert display_path(tmp_path / "docs" / "data" / "x.yml", tmp_path) == "docs/data/x.yml"
    outside = tmp_path.parent / "elsewhere.yml"
    assert display_path(outside, tmp_path / "project") == outside.as_posix()


# Bounded by construction (issue 12, item 3): aliases and tags.

FAN_OUT = (
    "title: T\nfields:\n  notes: {label: Notes, type: list}\nitems:\n"
    "  - id: i0\n    name: I0\n"
    "    notes: &k [&s " + "x" * 10_000 + ", " + ", ".join(["*s"] * 999) + "]\n"
    + "".join(f"  - id: i{n}\n    name: I{n}\n    notes: *k\n" for n in range(1, 100))
)
"""The issue's file: one 10 KB text, a list of 1,000 aliases of it, aliased by 100 items (21 KB
that expand to a thousand million characters)."""


def test_flat_fan_out_through_aliases_is_refused_at_once_where_it_starts() -> None:
    error = failure(lambda: READER.parse(FAN_OUT))
    assert error.line == 7
    assert error.message == (
        f"the alias `*s` makes the text longer than {MAX_EXPANDED:,} characters once every alias"
        " (`*name`) is written out; write shorter values and fewer aliases (each repeats all its"
        " anchor `&name` holds)"
    )
    # Fast, in work and not in time: each node is walked once, whatever the aliases repeat.
    assert work(lambda: failure(lambda: READER.parse(FAN_OUT)), reader) < 100_000


def test_nested_billion_laughs_is_refused() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    error = failure(lambda: READER.parse("\n".join(lines)))
    assert "longer than 1,000,000 characters once every alias" in error.message
    assert error.line == 6  # a5: the first list past the limit once written out


def test_aliases_are_counted() -> None:
    anchors = "v: &a x\nw:\n" + "".join("  - *a\n" for _ in range(MAX_ALIASES))
    assert READER.parse(anchors) is not None
    error = failure(lambda: READER.parse(anchors + "  - *a\n"))
    assert (error.line, error.message) == (
        MAX_ALIASES + 3, f"more than {MAX_ALIASES} aliases (`*name`) in one file or block; "
        "write the values out instead of repeating them through aliases")


def test_an_alias_inside_its_own_anchor_is_refused() -> None:
    error = failure(lambda: READER.parse("a: 1\nb: &x\n  - c\n  - *x\n"))
    assert (error.line, error.message) == (
        4, "the alias `*x` stands inside the list or mapping `&x` names, which would make it "
           "endless; write out what it should repeat")


@pytest.mark.parametrize(("text", "line", "shown", "kind"), [
    ("a: 1\nb: !!set {x, y}\n", 2, "!!set", "mapping"),
    ("a: 1\nb: !foo {a: b}\n", 2, "!foo", "mapping"),
    ("a: 1\nb: !!omap [a: 1]\n", 2, "!!omap", "list"),
    ("a: 1\nb: !list\n  - x\n", 2, "!list", "list"),
    ("!foo {a: b}\n", 1, "!foo", "mapping"),
    ("a: 1\nb: [x, !foo y]\n", 2, "!foo", "value"),
    ("!foo x\n", 1, "!foo", "value"),
])
def test_tags_on_lists_mappings_and_values_are_refused(
    text: str, line: int, shown: str, kind: str
) -> None:
    error = failure(lambda: READER.parse(text))
    assert (error.line, error.message) == (
        line, f"the tag `{shown}` on this {kind} is not allowed: data is plain YAML; remove "
              f"`{shown}`")


def test_standard_tags_that_say_what_plain_yaml_says_are_kept() -> None:
    assert READER.text(value("a: 1\nv: !!str 2025\n"), "`v`") == "2025"
    assert READER.mapping(document("!!map {a: b}"), "it")["a"][1].value == "b"
    error = failure(lambda: READER.text(value("a: 1\nv: !!binary aGk=\n"), "`v`"))
    assert error.message == '`v` must be text; put quotes around it if it is: "aGk="'


@pytest.mark.parametrize(("written", "shown"), [
    ("9" * 5000, "5,000 digits long, larger than 999999999"),
    ("-" + "9" * 5000, "5,000 digits long, too long"),
    ("1000000000", "`1000000000`, larger than 999999999"),
    # Shown as written up to 20 characters, by its length beyond.
    ("9" * 20, f"`{'9' * 20}`, larger than 999999999"),
    ("9" * 21, "21 digits long, larger than 999999999"),
    ("0" * 30 + "1", None),
])
def test_integer_counts_digits_before_converting(written: str, shown: str | None) -> None:
    node = value(f"v: {written}")
    if shown is None:
        assert READER.integer(node, "`v`") == 1
        return
    error = failure(lambda: READER.integer(node, "`v`"))
    assert error.message == f"`v` is {shown}; write a whole number no larger than 999999999"


def test_integer_takes_a_maximum() -> None:
    assert READER.integer(value("v: 99"), "`v`", 99) == 99
    error = failure(lambda: READER.integer(value("v: 100"), "`v`", 99))
    assert error.message == "`v` is `100`, larger than 99; write a whole number no larger than 99"


@pytest.mark.parametrize(("raw", "shown"), [
    ("abc\u202edcba", "abc<U+202E>dcba"),  # right-to-left override
    ("\ufeffid", "<U+FEFF>id"),  # byte order mark
    ("a\u2066b\u2069", "a<U+2066>b<U+2069>"),  # isolates
    ("zero\u200bwidth\u200f", "zero<U+200B>width<U+200F>"),
    ("line\u2028break\x1b[2J", "line<U+2028>break<U+001B>[2J"),
    ("plain text, ü, 漢, \u00a0no-break space", "plain text, ü, 漢, \u00a0no-break space"),
])
def test_messages_show_invisible_characters_by_their_code(raw: str, shown: str) -> None:
    error = DataError(f"data/{raw}.yml", 3, f"item id `{raw}` is given twice")
    assert error.message == f"item id `{shown}` is given twice"
    assert str(error) == f"data/{shown}.yml:3: item id `{shown}` is given twice"


def test_a_bidi_override_in_data_is_shown_in_the_message() -> None:
    error = failure(lambda: READER.identifier(value("v: '\u202eevil'"), "`v`"))
    assert error.message.startswith("`v` `<U+202E>evil` is not a valid id")
