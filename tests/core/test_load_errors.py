"""Every class of load error in FORMAT.md gives verdict `invalid` with a one-line message
naming the file, the line and the key; loading never raises, whatever the bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xborder.store import MAX_FILE_BYTES, load_assessment
from xborder.store.assessments import load_assessment_bytes, load_assessment_text

# A valid file; the line numbers below are the contract of the cases.
VALID = """\
schema_version = 1
id = "x"
title = "Test"
status = "draft"
created = 2026-11-01

[operator]
name = "Operator LLC"

[processing]
purposes = ["Purpose"]
subjects = ["Customers"]
data = ["identity", "contact"]
special = []

[[transfers]]
id = "t1"
country = "DE"
start = 2027-01-01
ground = "adequacy"

[transfers.recipient]
name = "Recipient GmbH"
kind = "legal_entity"
role = "processor"
"""
LINES = VALID.splitlines()

SECOND_TRANSFER = """
[[transfers]]
id = "t1"
country = "FR"

[transfers.recipient]
name = "Other SAS"
kind = "legal_entity"
"""


def edit(line: int, new: str | None) -> str:
    """VALID with line `line` (1-based) replaced by `new` (None: removed)."""
    lines = list(LINES)
    if new is None:
        del lines[line - 1]
    else:
        lines[line - 1] = new
    return "\n".join(lines) + "\n"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "assessments"
    folder.mkdir(parents=True)
    return folder / "x.toml"


def load(path: Path, text: str, reference):
    path.write_text(text, encoding="utf-8")
    return load_assessment(path, reference)


def test_the_valid_file_loads(path, reference):
    result = load(path, VALID, reference)
    assert result.ok, [str(e) for e in result.errors]
    assert result.assessment.transfers[0].recipient.role == "processor"


CASES = [
    # (id, text, line, message fragment)
    ("toml-syntax", edit(3, 'title = "Test'), 3, "Illegal character"),
    ("toml-bad-value", edit(4, "status = draft"), 4, "Invalid value"),
    ("toml-duplicate-key", edit(4, 'title = "Again"'), 4, "duplicate key"),
    ("toml-duplicate-table", VALID + '\n[operator]\nname = "Again"\n', 27, "duplicate table [operator]"),
    ("unknown-key-top", edit(4, 'stauts = "draft"'), 4, "unknown key 'stauts'"),
    ("unknown-key-transfer", edit(20, 'grond = "consent"'), 20, "unknown key 'transfers[0].grond'"),
    ("unknown-dotted-key", edit(8, 'name = "Operator LLC"\nfoo.bar = 1'), 9, "unknown key 'operator.foo'"),
    ("unknown-key-recipient", edit(25, 'rol = "processor"'), 25, "unknown key 'transfers[0].recipient.rol'"),
    ("wrong-type-string", edit(8, "name = 5"), 8, "operator.name: expected a string, got an integer"),
    ("wrong-type-array", edit(14, 'special = "health"'), 14, "processing.special: expected an array, got a string"),
    ("wrong-type-bool", edit(20, 'national_security_risk = "no"'), 20, "transfers[0].national_security_risk: expected true or false"),
    ("wrong-type-table", edit(7, 'operator = "Operator LLC"').replace('name = "Operator LLC"\n', ""), 7, "operator: expected a table"),
    ("wrong-type-transfers", VALID.replace("[[transfers]]", "[transfers]", 1).split("\n[transfers.recipient]")[0] + "\n", 16, "transfers: expected an array, got a table"),
    ("wrong-type-date", edit(19, "start = 2027"), 19, "transfers[0].start: expected a date (YYYY-MM-DD), got an integer"),
    ("date-time-not-date", edit(19, "start = 2027-01-01T09:00:00"), 19, "not a date and time"),
    ("time-not-date", edit(19, "start = 09:00:00"), 19, "got a time"),
    ("invalid-quoted-date", edit(19, 'start = "2027-02-30"'), 19, "invalid date '2027-02-30'"),
    ("empty-title", edit(3, 'title = "  "'), 3, "title: must not be empty"),
    # FORMAT.md amendments: dates that cannot be true
    ("acknowledged-before-sent", VALID + "\n[transfers.notification]\nsent = 2026-10-05\nacknowledged = 2026-10-01\n", 29, "transfers[0].notification.acknowledged: 2026-10-01 is before transfers[0].notification.sent (2026-10-05)"),
    ("acknowledged-without-sent", VALID + "\n[transfers.notification]\nacknowledged = 2026-10-01\n", 28, "is recorded but transfers[0].notification.sent is not"),
    ("approval-before-created", VALID + '\n[approval]\nreviewer = "A"\ndate = 2026-10-31\n', 29, "approval.date: 2026-10-31 is before created (2026-11-01)"),
    ("approved-but-rejected", edit(4, 'status = "approved"') + '\n[approval]\nreviewer = "A"\ndate = 2026-11-02\ndecision = "rejected"\n', 30, 'approval.decision: "rejected" while status = "approved"'),
    ("missing-required-top", edit(5, None), 1, "required key 'created' is missing"),  # the document
    ("missing-required-nested", edit(24, None), 22, "required key 'transfers[0].recipient.kind' is missing"),
    ("missing-recipient", VALID.split("\n[transfers.recipient]")[0] + "\n", 16, "required key 'transfers[0].recipient' is missing"),
    ("unknown-status", edit(4, 'status = "done"'), 4, "status: unknown value 'done'"),
    ("unknown-kind", edit(24, 'kind = "company"'), 24, "transfers[0].recipient.kind: unknown value 'company'"),
    ("unknown-role", edit(25, 'role = "owner"'), 25, "transfers[0].recipient.role: unknown value 'owner'"),
    ("unknown-ground", edit(20, 'ground = "legitimate_interest"'), 20, "transfers[0].ground: unknown ground 'legitimate_interest'"),
    ("unknown-jurisdiction", edit(4, 'jurisdiction = "ge"'), 4, "unknown jurisdiction 'ge'"),
    ("country-not-iso", edit(18, 'country = "XX"'), 18, "'XX' is not an ISO 3166-1 alpha-2 country code"),
    ("country-alpha3", edit(18, 'country = "DEU"'), 18, "'DEU' is not an ISO 3166-1 alpha-2"),
    ("country-az", edit(18, 'country = "AZ"'), 18, "cannot go to Azerbaijan (AZ)"),
    ("country-az-lowercase", edit(18, 'country = "az"'), 18, "cannot go to Azerbaijan (AZ)"),
    ("primary-storage-not-iso", edit(14, 'special = []\nprimary_storage = "Baku"'), 15, "processing.primary_storage: 'Baku' is not an ISO"),
    ("data-outside-vocabulary", edit(13, 'data = ["identity", "contacts"]'), 13, "processing.data[1]: unknown data category 'contacts'"),
    ("special-in-data", edit(13, 'data = ["identity", "health"]'), 13, "(a special category: list it under special)"),
    ("special-outside-vocabulary", edit(14, 'special = ["gossip"]'), 14, "processing.special[0]: unknown special category 'gossip'"),
    ("data-listed-twice", edit(13, 'data = ["identity", "identity"]'), 13, "'identity' is listed twice"),
    ("transfer-data-listed-twice", edit(19, 'start = 2027-01-01\ndata = ["identity", "identity"]'), 20, "transfers[0].data[1]: 'identity' is listed twice"),
    ("transfer-data-not-processed", edit(19, 'start = 2027-01-01\ndata = ["identity", "financial"]'), 20, "transfers[0].data[1]: 'financial' is not among processing.data"),
    ("id-pattern", edit(2, 'id = "X_1"'), 2, "invalid id 'X_1'"),
    ("id-too-long", edit(2, f'id = "{"a" * 65}"'), 2, "invalid id"),
    ("id-differs-from-stem", edit(2, 'id = "y"'), 2, "id: 'y' differs from the file name x.toml"),
    ("transfer-id-pattern", edit(17, 'id = "T 1"'), 17, "transfers[0].id: invalid transfer id 'T 1'"),
    ("duplicate-transfer-id", VALID + SECOND_TRANSFER, 28, "transfers[1].id: two transfers have the id 't1'"),
    ("schema-version-newer", edit(1, "schema_version = 2"), 1, "schema_version 2 is newer than this xborder supports (1): upgrade xborder"),
    ("schema-version-zero", edit(1, "schema_version = 0"), 1, "unsupported schema_version 0"),
    ("schema-version-string", edit(1, 'schema_version = "1"'), 1, "schema_version: expected an integer"),
    ("adequacy-override-without-reason", VALID + "\n[transfers.adequacy]\nadequate = true\n", 27, "required key 'transfers[0].adequacy.reason' is missing"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_load_error(path, reference, text, line, fragment):
    result = load(path, text, reference)
    assert result.assessment is None
    assert result.errors, "a load error must be reported"
    error = next((e for e in result.errors if fragment in e.message), None)
    assert error is not None, [e.message for e in result.errors]
    assert error.line == line, str(error)
    assert error.path == path
    for error in result.errors:
        assert "\n" not in str(error)
        assert "Traceback" not in error.message
        # every load-error class of FORMAT.md: path:line:col: message
        assert error.line is not None and error.column is not None and error.column >= 1
        assert str(error).startswith(f"{path}:{error.line}:{error.column}: ")


# Every class is explained in Azerbaijani too: the wizard's users read it in their language
# (TOML syntax errors keep the parser's English words behind an Azerbaijani heading).
AZ_WORDS = ("TOML sintaksis xətası", "naməlum", "məcburi", "gözlənilirdi", "gözlənilir", "boş ola bilməz",
            "element", "ölkə kodu", "Azərbaycana", "fərqlənir", "iki dəfə", "yoxdur", "ID", "yenidir",
            "dəstəklənməyən", "tarix", "qərar")


@pytest.mark.parametrize(("text", "line", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_load_error_in_azerbaijani(path, reference, text, line, fragment):
    result = load(path, text, reference)
    error = next(e for e in result.errors if fragment in e.message)
    az = error.text("az")
    assert az != error.text("en") == error.message
    assert "\n" not in az
    assert any(word in az for word in AZ_WORDS), az
    # the key path and the offending value are the same in both languages
    key = error.message.split(":", 1)[0]
    if key.replace("_", "").replace(".", "").replace("[", "").replace("]", "").isalnum() and " " not in key:
        assert az.startswith(key + ":"), (az, key)
    assert error.located("x.toml", "az") == f"x.toml:{error.line}:{error.column}: {az}"
    assert error.to_json("az")["message"] == az and error.to_json()["message"] == error.message


def test_messages_keep_their_translations_across_processes(path, reference):
    import pickle

    error = load(path, edit(4, 'stauts = "draft"'), reference).errors[0]
    copy = pickle.loads(pickle.dumps(error.message))
    assert copy == error.message and copy.in_lang("az") == error.text("az") != copy


def test_a_language_without_translations_falls_back_to_english(path, reference):
    error = load(path, edit(4, 'stauts = "draft"'), reference).errors[0]
    assert error.text("de") == error.message


def test_load_errors_read_in_russian(path, reference):
    error = load(path, edit(4, 'stauts = "draft"'), reference).errors[0]
    assert error.text("ru") == "неизвестный ключ 'stauts' (проверьте написание)"
    error = load(path, edit(4, 'status = "done"'), reference).errors[0]
    assert error.text("ru").startswith("status: неизвестное значение 'done' (ожидается 'draft', ")
    assert " или 'withdrawn')" in error.text("ru")


def test_every_problem_in_a_file_is_reported(path, reference):
    text = edit(4, 'status = "done"').replace('kind = "legal_entity"', 'kind = "company"')
    result = load(path, text, reference)
    assert [e.line for e in result.errors] == [4, 24]


def test_load_error_columns_point_at_the_key(path, reference):
    text = edit(25, '  rol = "processor"')
    (error,) = load(path, text, reference).errors
    assert (error.line, error.column) == (25, 3)


def test_syntax_error_at_end_of_document_has_a_line(path, reference):
    (error,) = load(path, VALID + "[transfers.consent\n", reference).errors
    assert error.line is not None and error.line >= 26


def test_quoted_date_and_lowercase_country_are_accepted(path, reference):
    text = edit(19, 'start = "2027-01-01"').replace('country = "DE"', 'country = "de"')
    result = load(path, text, reference)
    assert result.ok, [str(e) for e in result.errors]
    transfer = result.assessment.transfers[0]
    assert transfer.start == dt.date(2027, 1, 1)
    assert transfer.country == "DE"


def test_optional_keys_take_their_defaults(path, reference):
    text = VALID.replace('status = "draft"\n', "").replace("special = []\n", "")
    result = load(path, text, reference)
    assert result.ok
    a = result.assessment
    assert (a.status, a.jurisdiction, a.processing.special, a.processing.az_citizens) == (
        "draft", "az", [], True,
    )
    transfer = a.transfers[0]
    assert transfer.national_security_risk is False
    assert transfer.data is None
    assert transfer.data_keys(a.processing) == ["identity", "contact"]


def test_draft_transfer_without_start_and_ground_loads(path, reference):
    text = edit(19, None).replace('ground = "adequacy"\n', "")
    assert load(path, text, reference).ok


def test_byte_order_mark_is_refused(path, reference):
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    (error,) = load_assessment(path, reference).errors
    assert "byte-order mark" in error.message and error.line == 1


def test_not_utf8_names_the_line(path, reference):
    path.write_bytes(VALID.replace('"Test"', '"T\xe9st"').encode("latin-1"))
    (error,) = load_assessment(path, reference).errors
    assert "not UTF-8" in error.message and "0xe9" in error.message
    assert (error.line, error.column) == (3, 11)


def test_missing_file(path, reference):
    (error,) = load_assessment(path, reference).errors
    assert str(error).startswith(f"{path}: cannot read")


def test_folder_is_not_a_file(tmp_path, reference):
    folder = tmp_path / "x.toml"
    folder.mkdir()
    (error,) = load_assessment(folder, reference).errors
    assert "folder" in error.message


def test_oversized_file_is_refused_unread(path, reference):
    with open(path, "wb") as handle:  # sparse: costs no disk
        handle.truncate(MAX_FILE_BYTES + 1)
    (error,) = load_assessment(path, reference).errors
    assert "too large" in error.message


def test_unreadable_file(path, reference, monkeypatch):
    path.write_text(VALID, encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    (error,) = load_assessment(path, reference).errors
    assert str(error) == f"{path}: cannot read: Permission denied"


def test_result_keeps_the_digest_of_the_bytes_read(path, reference):
    import hashlib

    result = load(path, VALID, reference)
    assert result.sha256 == hashlib.sha256(VALID.encode()).hexdigest()


# -- loading never raises -------------------------------------------------------------------
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_loading_never_raises_on_edited_files(reference, data):
    """Replace, delete or insert characters anywhere in a valid file: the loader either
    accepts it or reports one-line errors; it never raises."""
    text = VALID
    for _ in range(data.draw(st.integers(1, 3))):
        position = data.draw(st.integers(0, len(text)))
        length = data.draw(st.integers(0, 6))
        insert = data.draw(st.text(alphabet=st.sampled_from('[]{}="\'.,#\n 0aZ-_é\t\\'), max_size=4))
        text = text[:position] + insert + text[position + length:]
    result = load_assessment_text(Path("x.toml"), text, reference)
    assert result.ok or result.errors
    assert all("\n" not in str(error) for error in result.errors)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_loading_never_raises_on_any_bytes(reference, data):
    result = load_assessment_bytes(Path("x.toml"), data, reference)
    assert result.assessment is None and result.errors


@pytest.mark.parametrize(
    ("source", "az"),
    [
        ('a = "x\\q"', "mətndə ekranlaşdırılmamış '\\' var"),
        ("a = 1\na = 2", "təkrarlanan açar: dəyər artıq verilib"),
        ("[a]\nb = 1\n[a]\n", "təkrarlanan cədvəl [a]: iki dəfə elan edilib"),
        ("a = [1,", "yanlış dəyər"),
        ("a = {b = 1", "sətirdaxili cədvəl bağlanmayıb"),
        ("a = 1 b", "ifadədən sonra yeni sətir və ya sənədin sonu gözlənilir"),
        ("a b = 1", "açardan sonra '=' gözlənilir"),
        ("[a\nb = 1", "cədvəl başlığının sonunda ']' gözlənilir"),
        ('a = "x', "mətn (dırnaq) bağlanmayıb"),
        ("a = {b = 1, b = 2}", "sətirdaxili cədvəldə təkrarlanan açar 'b'"),
        ('a = "\u0001"', "icazəsiz simvol"),
    ],
)
def test_toml_syntax_errors_in_azerbaijani(source, az):
    from xborder.i18n import gettext
    from xborder.tomlio import TomlError, parse_toml, syntax_message_id

    with pytest.raises(TomlError) as caught:
        parse_toml(source)
    known = syntax_message_id(caught.value.message)
    assert known is not None
    msgid, params = known
    assert gettext("en", msgid, **params) == caught.value.message  # English renders it back
    assert gettext("az", msgid, **params).startswith(az)


def test_a_syntax_error_reads_in_azerbaijani_with_its_key(path, reference):
    error = load(path, edit(3, 'title = "Test'), reference).errors[0]
    assert error.message == "Illegal character '\\n' (key 'title')"
    assert error.text("az") == "TOML sintaksis xətası: icazəsiz simvol '\\n' (açar 'title')"


# -- FORMAT.md amendments: work in progress is saved, never refused ------------------------
@pytest.mark.parametrize(
    "text",
    [
        edit(11, "purposes = []"),
        edit(12, "subjects = []"),
        edit(13, "data = []"),
        edit(19, "start = 2027-01-01\ndata = []"),
        VALID.split("\n[[transfers]]")[0] + "\n",
    ],
    ids=["purposes", "subjects", "data", "transfer-data", "no-transfers"],
)
def test_work_in_progress_loads(path, reference, text):
    result = load(path, text, reference)
    assert result.ok, [str(e) for e in result.errors]


def test_dates_that_can_be_true_load(path, reference):
    """The other side of each line: acknowledged on the day sent, an approval on the day
    created, an approved status with an approving decision."""
    text = (
        edit(4, 'status = "approved"')
        + "\n[transfers.notification]\nsent = 2026-10-05\nacknowledged = 2026-10-05\n"
        + '\n[approval]\nreviewer = "A"\ndate = 2026-11-01\ndecision = "approved"\n'
    )
    result = load(path, text, reference)
    assert result.ok, [str(e) for e in result.errors]
