"""User text is data, never markup (Markdown, HTML, typst); output is deterministic;
Azerbaijani letters have glyphs in every font used; long words wrap."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xborder.report import html, markdown, pdf

from .helpers import HOSTILE, RTL, pdf_text

AZ_LETTERS = "əƏğĞıIİişŞçÇöÖüÜ"


# -- Markdown ----------------------------------------------------------------------------
def _md_tokens(text: str) -> list[Any]:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    out = []
    for token in parser.parse(text):
        out.append(token)
        out.extend(token.children or [])
    return out


def test_hostile_markdown_renders_as_literal_text(docs: Callable[[str, str], Any]) -> None:
    text = markdown.render(docs("hostile", "en"))
    tokens = _md_tokens(text)
    kinds = {t.type for t in tokens}
    assert not kinds & {"link_open", "image", "html_block", "code_inline", "fence"}
    assert {t.content for t in tokens if t.type == "html_inline"} <= {"<br>"}  # line breaks in cells
    literal = "".join(t.content for t in tokens if t.type == "text")
    for value in (HOSTILE["script"], HOSTILE["typst_code"], "[link](http://evil.example)", "$x^2$", "*bold* _it_"):
        assert value in literal, value


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\t\n"), max_size=60)
    | st.text(alphabet="\\`*_{}[]<>()#+-.!|~$&=:;0123456789 ab\n\t", max_size=40)
)
def test_markdown_escape_keeps_any_text_literal(value: str) -> None:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(markdown.escape(value) + "\n")
    flat = " ".join(value.replace("\r", "").split("\n"))
    expected = html.escape(" ".join(flat.split())) if flat.strip() else ""
    got = " ".join(re.sub(r"</?p>", "", rendered).split())
    got = got.replace("&quot;", '"').replace("&#x27;", "'")
    expected = expected.replace("&quot;", '"').replace("&#x27;", "'")
    assert got == expected


# -- HTML --------------------------------------------------------------------------------
def test_hostile_html_is_escaped_and_self_contained(docs: Callable[[str, str], Any]) -> None:
    page = html.render(docs("hostile", "en"))
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&amp;amp; &amp;lt;b&amp;gt;" in page  # the title: entities shown, not decoded
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", page)  # nothing fetched
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page


def test_html_has_a_print_stylesheet_for_a4_with_page_numbers(docs: Callable[[str, str], Any]) -> None:
    page = html.render(docs("ready", "az"))
    assert "@page { size: A4;" in page and "counter(page)" in page and "@media print" in page
    assert "Səhifə" in page


def test_css_strings_cannot_close_the_style_element() -> None:
    assert html._css_string('</style><script>"') == '"\\3c /style\\3e \\3c script\\3e \\22 "'


# -- typst -------------------------------------------------------------------------------
def test_hostile_strings_reach_the_pdf_as_text(pdfs: Callable[[str, str], bytes]) -> None:
    text = pdf_text(pdfs("hostile", "en"))
    for value in (HOSTILE["script"], HOSTILE["typst_code"], "*bold* _it_ $x^2$ ] [ \\ `raw` <label> @ref = Heading", "&amp; &lt;b&gt;"):
        assert value in text, value
    assert "root:x:0:0" not in text  # /etc/passwd was not read


def test_typst_input_is_json_not_source(docs: Callable[[str, str], Any]) -> None:
    doc = docs("hostile", "en")
    data = json.loads(pdf.document_json(doc))
    assert data["header_left"] == HOSTILE["typst_code"]
    template = pdf.TEMPLATE.read_text(encoding="utf-8")
    assert 'json(bytes(sys.inputs.at("doc")))' in template
    assert "eval(" not in template


def test_long_unbroken_words_wrap_inside_the_page(pdfs: Callable[[str, str], bytes]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdfs("hostile", "en")))
    lines: dict[tuple[int, int], str] = {}
    width = float(reader.pages[0].mediabox.width)
    starts: list[float] = []
    for number, page in enumerate(reader.pages):
        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, number: int = number) -> None:
            if "qqqq" in text:
                y = round(tm[5] * cm[3] + cm[5])
                lines[number, y] = lines.get((number, y), "") + text
                starts.append(tm[4] * cm[0] + cm[4])
        page.extract_text(visitor_text=visit)
    assert len(lines) >= 4  # the 300-letter word of the contact and of the subjects
    assert all(len(v.replace("\u200b", "")) < 90 for v in lines.values())
    assert all(0 < x < width for x in starts)


def test_right_to_left_text_survives(pdfs: Callable[[str, str], bytes], docs: Callable[[str, str], Any], tmp_path: Any) -> None:
    assert RTL in markdown.render(docs("hostile", "en"))
    assert RTL in html.render(docs("hostile", "en"))
    text = _poppler_text(pdfs("hostile", "en"), tmp_path, "rtl")
    hebrew, arabic = RTL.split()
    assert hebrew in text and arabic in text  # kept as text, in logical order


def _glyph_png(font: str, char: str) -> bytes:
    import typst

    source = f'#set page(width: 2cm, height: 2cm, margin: 2mm)\n#text(font: "{font}", fallback: false, size: 24pt, "\\u{{{ord(char):x}}}")'
    data = typst.compile(source.encode(), format="png", ppi=72, ignore_system_fonts=True)
    assert isinstance(data, bytes)
    return data


@pytest.mark.parametrize("font", ["Libertinus Serif", "DejaVu Sans Mono"])
def test_every_font_used_has_the_azerbaijani_letters(font: str) -> None:
    template = pdf.TEMPLATE.read_text(encoding="utf-8")
    assert f'"{font}"' in template
    tofu = _glyph_png(font, "\U000f0000")  # a private-use code point: no font has it
    for letter in AZ_LETTERS:
        assert _glyph_png(font, letter) != tofu, f"{font} has no glyph for {letter!r}"


def test_the_glyph_check_can_fail() -> None:
    tofu = _glyph_png("Libertinus Serif", "\U000f0000")
    assert _glyph_png("Libertinus Serif", "\u0d05") == tofu  # Malayalam: not in the font


def test_template_uses_only_the_fonts_checked() -> None:
    template = pdf.TEMPLATE.read_text(encoding="utf-8")
    assert set(re.findall(r'font: "([^"]+)"', template)) == {"Libertinus Serif", "DejaVu Sans Mono"}


def test_no_locale_blind_upper_casing_of_azerbaijani(pdfs: Callable[[str, str], bytes]) -> None:
    text = pdf_text(pdfs("charge-hr-group", "az"))
    assert "QIYM" not in text and "QİYM" not in text


def test_breakable_inserts_break_opportunities_only_in_long_words() -> None:
    assert pdf.breakable("Azərbaycan Respublikası") == "Azərbaycan Respublikası"
    long = "https://example.com/" + "a" * 40
    broken = pdf.breakable(long)
    assert broken.replace("\u200b", "") == long
    assert max(len(part) for part in broken.split("\u200b")) <= 16


# -- determinism -------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["pdf", "html", "md"])
def test_same_input_gives_the_same_bytes(docs: Callable[[str, str], Any], fmt: str) -> None:
    from xborder.report.generate import render

    first = render(docs("charge-web-analytics", "az"), fmt)
    pdf._compiler.cache_clear()  # a fresh compiler, as in another process
    second = render(docs("charge-web-analytics", "az"), fmt)
    assert first == second


def test_pdf_metadata_comes_from_the_assessment(pdfs: Callable[[str, str], bytes]) -> None:
    from pypdf import PdfReader

    meta = PdfReader(io.BytesIO(pdfs("ready", "en"))).metadata
    assert meta is not None
    assert meta.title == "Serverlərin icarəsi: Almaniya — ready"
    assert meta.author == "Şəki İpək ASC"
    assert str(meta.creation_date.date()) == "2026-11-22"  # the as-of date, not the clock


def test_no_absolute_paths_in_any_format(docs: Callable[[str, str], Any], pdfs: Callable[[str, str], bytes], ws_root: Any) -> None:
    from pypdf import PdfReader

    doc = docs("ready", "en")
    reader = PdfReader(io.BytesIO(pdfs("ready", "en")))
    # the PDF's streams are compressed: look at its text and metadata, not at its bytes
    pdf_strings = pdf_text(pdfs("ready", "en")) + " ".join(str(v) for v in (reader.metadata or {}).values())
    assert "data/assessments/ready.toml" in pdf_strings  # the file is named, relative
    for data in (markdown.render(doc), html.render(doc), pdf_strings):
        assert "data/assessments/ready.toml" in data
        assert str(ws_root) not in data
        assert "/tmp/" not in data



def _poppler_text(data: bytes, tmp_path: Any, name: str) -> str:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def test_pdf_text_has_no_invisible_characters_in_hashes_ids_and_paths(
    docs: Callable[[str, str], Any], pdfs: Callable[[str, str], bytes], tmp_path: Any
) -> None:
    """The break opportunities in long words leave nothing in the PDF's text: the hash,
    the file and the id copied from the PDF are the real ones (poppler shows a U+200B
    that pypdf would hide)."""
    cover = dict(docs("ready", "en").blocks[0].rows)
    text = _poppler_text(pdfs("ready", "en"), tmp_path, "ready")
    assert "\u200b" not in text
    assert cover["SHA-256 of the file"] in text.split()
    assert "data/assessments/ready.toml" in text.split()
    hostile = _poppler_text(pdfs("hostile", "en"), tmp_path, "hostile")
    assert "\u200b" not in hostile
    assert "qqqq" in hostile  # the 300-letter word is there, wrapped


def _words_outside_the_margins(data: bytes, tmp_path: Any, name: str) -> list[tuple[str, float, float]]:
    """Words (poppler's bounding boxes) that stick out of the 17 mm side margins; a
    trailing punctuation mark may hang into the margin (typst's overhang)."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    margin = 17 * 72 / 25.4
    bad = []
    width = 0.0
    for m in re.finditer(r'<page width="([\d.]+)"|<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', xml):
        if m.group(1):
            width = float(m.group(1))
            continue
        x0, x1, word = float(m.group(2)), float(m.group(3)), m.group(4)
        slack = 4.0 if word[-1:] in ".,;:)" else 0.5
        if x0 < margin - 0.5 or x1 > width - margin + slack:
            bad.append((word, x0, x1))
    return bad


@pytest.mark.parametrize(
    "ident", ["alqoritmika-licensees", "charge-hr-group", "charge-web-analytics", "elegal-lawyers", "hostile", "ready"]
)
@pytest.mark.parametrize("lang", ["az", "en"])
def test_no_word_sticks_out_of_the_page(pdfs: Callable[[str, str], bytes], tmp_path: Any, ident: str, lang: str) -> None:
    """Tables, long names, hostile words and the verdict column stay inside the margins."""
    assert _words_outside_the_margins(pdfs(ident, lang), tmp_path, f"{ident}.{lang}") == []


def test_a_long_value_breaks_across_pages_and_a_short_one_stays_whole(tmp_path: Any) -> None:
    """Field rows are boxes (fast) unless the value is long: then they may break across
    pages; nothing runs past the page, every line is kept."""
    import datetime as dt
    import subprocess

    from xborder.model.document import Document, Fields

    long_value = "\n".join(f"Line {i:03d}: şərh, əlavə qeyd və izahat" for i in range(150))
    doc = Document(
        kind="report", lang="az", title="Uzun qeydlər", subtitle="", header_left="Operator", header_right="x",
        date=dt.date(2026, 11, 22), author="Operator",
        blocks=(Fields((("Qısa", "bir\niki\nüç"), ("Qeydlər", long_value), ("Son", "sonuncu"))),),
    )
    text = _poppler_text(pdf.render(doc), tmp_path, "long")
    assert all(f"Line {i:03d}:" in text for i in range(150))
    assert "bir\niki\nüç" in text and "sonuncu" in text
    xml = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "long.pdf"), "-"], capture_output=True, check=True).stdout.decode()
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', xml).group(1))  # type: ignore[union-attr]
    assert max(float(y) for y in re.findall(r'yMax="([\d.]+)"', xml)) < height
    assert xml.count("<page ") >= 3
