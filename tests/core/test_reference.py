"""Reference data: the shipped vocabularies, labels, rule texts and adequacy list, and
workspace overrides of them (data/*.toml), including broken ones."""

from __future__ import annotations

import json
import re
import string

import pytest

from xborder.cli.main import main
from xborder.rules import load_reference

# FORMAT.md, "Vocabularies": the keys every workspace can rely on.
DATA_KEYS = [
    "identity", "contact", "id_documents", "financial", "tax_id", "demographic", "location",
    "online_identifiers", "device", "usage", "orders", "employment", "family", "military",
    "photos", "correspondence", "credentials",
]
SPECIAL_KEYS = [
    "racial_ethnic", "political", "religious_philosophical", "health", "intimate_life",
    "biometric", "criminal", "trade_union", "family_life",
]
ENUMERATIONS = {
    "status": ["draft", "in_review", "approved", "rejected", "withdrawn"],
    "kind": ["state_authority", "legal_entity", "individual"],
    "role": ["controller", "processor"],
    "ground": ["adequacy", "consent", "contract"],
    "verdict": ["permitted", "pending", "incomplete", "blocked", "invalid"],
    "severity": ["blocker", "missing", "pending", "advice"],
}


def test_vocabularies_are_exactly_format_md(reference):
    assert list(reference.vocabulary.data) == DATA_KEYS
    assert list(reference.vocabulary.special) == SPECIAL_KEYS
    assert list(reference.grounds) == ENUMERATIONS["ground"]


@pytest.mark.parametrize("table", ["data", "special", *ENUMERATIONS])
def test_every_key_has_azerbaijani_and_english_labels(reference, table):
    terms = getattr(reference.vocabulary, table)
    keys = DATA_KEYS if table == "data" else SPECIAL_KEYS if table == "special" else ENUMERATIONS[table]
    assert set(keys) <= set(terms), f"{table}: labels missing for {set(keys) - set(terms)}"
    for key in keys:
        term = terms[key]
        assert term.en.strip() and term.az.strip(), (table, key)


def test_labels_by_language_and_fallbacks(reference):
    assert reference.label("verdict", "blocked", "en") == "Blocked"
    assert reference.label("verdict", "blocked", "az") == "Yol verilmir"
    assert reference.data_label("health", "en") == reference.label("special", "health", "en")
    assert reference.label("verdict", "no-such-key", "az") == "no-such-key"


def test_every_rule_has_texts_in_both_languages(reference):
    # {the_country} is {country} as a noun in an English sentence ("the United States"):
    # the same fact, so the same placeholder for this comparison
    placeholder = re.compile(r"\{(?:the_)?(\w+)\}")
    allowed = {"recipient", "country", "the_country", "adequacy_source", "obtained", "sent", "start",
               "categories", "date", "verdict", "current", "recorded", "reviewer",
               "received", "due", "request", "asked"}
    # words composed per language by the rulebook: {changes_az} in az, {changes_en} in en
    per_language = ("changes", "notice_ref", "bound")
    lang_suffix = re.compile(r"_(az|en|ru)$")
    for rule_id, rule in reference.rulebook.rules.items():
        assert rule.severity in ENUMERATIONS["severity"], rule_id
        for lang in ("az", "en"):
            assert rule.title.get(lang), (rule_id, lang)
            assert rule.message.get(lang), (rule_id, lang)
            names = {name for _, name, _, _ in string.Formatter().parse(rule.message[lang]) if name}
            for name in names:
                base = lang_suffix.sub("", name)
                if base in per_language:
                    assert name == f"{base}_{lang}", (rule_id, lang, name, "names another language's words")
            names = {lang_suffix.sub("", name) for name in names}
            assert names <= allowed | set(per_language), (rule_id, lang, names - allowed)

            def common(text: str) -> set[str]:
                return {lang_suffix.sub("", name) for name in placeholder.findall(text)}

            assert common(rule.message[lang]) == common(rule.message["en"]), (
                rule_id, lang, "the languages use different placeholders",
            )
        assert rule.clause or rule.citation, f"{rule_id} cites nothing"


def test_adequacy_list_is_dated_and_sourced(reference):
    meta = reference.adequacy.meta
    assert meta.version and meta.as_of and meta.source
    assert reference.adequacy_version == meta.version
    info = reference.adequacy_of("DE")
    assert (info.adequate, info.verified) == (True, True)
    assert meta.version in info.source
    unlisted = reference.adequacy_of("US")
    assert unlisted.adequate is False
    assert unlisted.source.startswith("not listed; list ")


# -- workspace overrides ----------------------------------------------------------------------
def check(capsys, monkeypatch, root, *args):
    monkeypatch.chdir(root)
    capsys.readouterr()
    status = main(["check", "--as-of", "2026-11-22", "--format", "json", *args])
    captured = capsys.readouterr()
    return status, (json.loads(captured.out) if captured.out else None), captured.err


def test_adequacy_override_makes_a_country_adequate(capsys, monkeypatch, workspace, make_doc, make_transfer, write):
    write(workspace, make_doc(make_transfer(country="US")))
    status, report, _ = check(capsys, monkeypatch, workspace)
    assert status == 1 and report["assessments"][0]["transfers"][0]["adequate"] is False
    (workspace / "data" / "adequacy.toml").write_text(
        '[countries.US]\nadequate = true\nbasis = "Authority letter 2026/77"\n', encoding="utf-8"
    )
    status, report, err = check(capsys, monkeypatch, workspace)
    transfer = report["assessments"][0]["transfers"][0]
    assert (status, err, transfer["adequate"], transfer["verdict"]) == (0, "", True, "permitted")
    assert "Authority letter 2026/77" in transfer["adequacy_source"]
    # The rest of the shipped list still applies (merged, not replaced).
    assert load_reference(workspace / "data").adequacy_of("DE").adequate is True


def test_adequacy_override_can_withdraw_adequacy(workspace):
    (workspace / "data" / "adequacy.toml").write_text(
        '[meta]\nversion = "our-list-2027"\nas_of = 2027-01-01\n\n[countries.RU]\nadequate = false\n',
        encoding="utf-8",
    )
    reference = load_reference(workspace / "data")
    assert reference.adequacy_of("RU").adequate is False
    assert reference.adequacy_version == "our-list-2027"
    assert reference.overrides == [workspace / "data" / "adequacy.toml"]


def test_vocabulary_override_adds_a_data_key(capsys, monkeypatch, workspace, make_doc, write):
    doc = make_doc()
    doc["processing"]["data"] = ["identity", "loyalty"]
    doc["transfers"][0]["notification"]["coverage"]["data"] = ["identity", "loyalty"]
    write(workspace, doc)
    status, report, _ = check(capsys, monkeypatch, workspace)
    assert status == 2
    assert "unknown data category 'loyalty'" in report["assessments"][0]["errors"][0]["message"]
    (workspace / "data" / "vocabulary.toml").write_text(
        '[data.loyalty]\nen = "Loyalty programme data"\naz = "Loyallıq proqramı məlumatları"\n',
        encoding="utf-8",
    )
    status, report, err = check(capsys, monkeypatch, workspace)
    assert (status, err, report["assessments"][0]["verdict"]) == (0, "", "permitted")
    reference = load_reference(workspace / "data")
    assert reference.data_label("loyalty", "az") == "Loyallıq proqramı məlumatları"
    assert "identity" in reference.data_keys  # the shipped keys remain


BROKEN_OVERRIDES = [
    ("adequacy.toml", "[countries.US]\nadequate = yes\n", r"data/adequacy\.toml:2:\d+: "),
    ("adequacy.toml", '[countries.US]\nadequate = "maybe"\n', r"data/adequacy\.toml:2:1: countries\.US\.adequate: "),
    # strict like assessment files: a quoted "true" is a typo to show, not a yes to guess
    ("adequacy.toml", '[countries.US]\nadequate = "true"\n', r"data/adequacy\.toml:2:1: countries\.US\.adequate: Input should be a valid boolean"),
    ("adequacy.toml", '[countries.US]\nadequate = true\nverified = "yes"\n', r"data/adequacy\.toml:3:1: countries\.US\.verified: "),
    ("adequacy.toml", "[countries.XX]\nadequate = true\n", r"data/adequacy\.toml:1:1: countries\.XX: not an ISO 3166-1 alpha-2 code"),
    ("vocabulary.toml", "[data.loyalty]\nen = \"Loyalty\"\n", r"data/vocabulary\.toml:1:1: data\.loyalty\.az: "),
    ("vocabulary.toml", "[data.loyalty]\nen = \"Loyalty\"\naz = \"Loyallıq\"\nfr = \"Fidélité\"\n", r"data/vocabulary\.toml:4:1: data\.loyalty\.fr: "),
    ("rulebook_az.toml", "[grounds]\nvalues = \"consent\"\n", r"data/rulebook_az\.toml:2:1: grounds\.values: "),
    # the verdict logic is FORMAT.md's: a workspace cannot turn a rule into advice
    ("rulebook_az.toml", '[rules."AZ-NOTIFY-1"]\nseverity = "advice"\n', r"data/rulebook_az\.toml:2:1: rules\.AZ-NOTIFY-1\.severity: the severity of a shipped rule is fixed \(pending\)"),
    ("rulebook_az.toml", '[rules."AZ-ADV-SPECIAL"]\nseverity = "blocker"\n', r"rules\.AZ-ADV-SPECIAL\.severity: the severity of a shipped rule is fixed \(advice\)"),
    ("rulebook_az.toml", '[grounds]\nvalues = ["consent", "legitimate_interest"]\n', r"data/rulebook_az\.toml:2:\d+: grounds\.values: 'legitimate_interest' is not a ground the az rulebook implements"),
    ("rulebook_az.toml", '[rules."X-1"]\nseverity = "fatal"\ntitle.en = "X"\nmessage.en = "X"\n', r"data/rulebook_az\.toml:2:1: rules\.X-1\.severity: "),
]


@pytest.mark.parametrize(("name", "text", "pattern"), BROKEN_OVERRIDES, ids=[f"{n}-{i}" for i, (n, _, _) in enumerate(BROKEN_OVERRIDES)])
def test_broken_override_is_a_one_line_error(capsys, monkeypatch, workspace, name, text, pattern):
    (workspace / "data" / name).write_text(text, encoding="utf-8")
    status, report, err = check(capsys, monkeypatch, workspace)
    assert (status, report) == (2, None)
    assert err.count("\n") == 1, err
    assert err.startswith("xborder: ") and "Traceback" not in err
    assert re.search(pattern, err), err


# -- country names ----------------------------------------------------------------------------
def _pycountry_catalogue(lang):
    import gettext

    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])._catalog


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_every_country_has_a_name_in_the_language(reference, lang):
    """pycountry lacks some translations (38 countries in Azerbaijani, GB among them);
    data/countries.toml fills them, so no country is named in English in az/ru text."""
    import pycountry

    catalogue = _pycountry_catalogue(lang)
    shipped = reference.countries.names.get(lang, {})
    missing = [
        c.alpha_2 for c in pycountry.countries
        if c.alpha_2 not in shipped and c.name not in catalogue
    ]
    assert missing == [], f"add {lang} names for {missing} to xborder/reference/data/countries.toml"
    for code in ("GB", "CZ", "RS", "ME", "MK"):  # Convention 108 parties pycountry left in English
        assert reference.country_name(code, lang) != reference.country_name(code, "en")


def test_country_names_file_is_sourced_and_reviewed(reference):
    import pycountry

    meta = reference.countries.meta
    assert meta.as_of and "CLDR" in meta.source and "pycountry" in meta.source
    names = reference.countries.names["az"]
    assert names["GB"] == "Birləşmiş Krallıq" and names["CZ"] == "Çexiya"
    catalogue = _pycountry_catalogue("az")
    for code, name in names.items():
        english = pycountry.countries.get(alpha_2=code).name
        assert name.strip() == name, code
        # each entry fills a gap or replaces pycountry's text, never repeats it
        assert catalogue.get(english) != name, code


def test_country_name_order_of_precedence(reference):
    assert reference.country_name("GB", "az") == "Birləşmiş Krallıq"  # countries.toml
    assert reference.country_name("gb", "az") == "Birləşmiş Krallıq"
    assert reference.country_name("DE", "az") == "Almaniya"  # pycountry
    assert reference.country_name("IR", "en") == "Iran"  # pycountry's common name
    assert reference.country_name("GB", "en") == "United Kingdom"
    assert reference.country_name("XX", "az") == "XX"  # not a country: the code


def test_check_in_azerbaijani_names_the_united_kingdom_in_azerbaijani(capsys, monkeypatch, workspace, make_doc, make_transfer, write):
    write(workspace, make_doc(make_transfer(country="GB", ground=None)))
    monkeypatch.chdir(workspace)
    capsys.readouterr()
    main(["check", "--as-of", "2026-11-22", "--lang", "az"])
    out = capsys.readouterr().out
    assert "GB Birləşmiş Krallıq" in out and "United Kingdom" not in out
    main(["check", "--as-of", "2026-11-22", "--lang", "az", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    (finding,) = [f for f in report["assessments"][0]["transfers"][0]["findings"] if f["rule"] == "AZ-GROUND-1"]
    assert "United Kingdom" not in finding["message"]


def test_workspace_may_rename_a_country(workspace):
    (workspace / "data" / "countries.toml").write_text(
        '[names.az]\nGB = "Böyük Britaniya"\n', encoding="utf-8"
    )
    reference = load_reference(workspace / "data")
    assert reference.country_name("GB", "az") == "Böyük Britaniya"
    assert reference.country_name("CZ", "az") == "Çexiya"  # the shipped names remain
    assert reference.overrides == [workspace / "data" / "countries.toml"]


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ('[names.az]\nXX = "Nowhere"\n', r"countries\.toml:2:1: names\.az\.XX: not an ISO 3166-1 alpha-2 code"),
        ('[aliases]\nXX = ["Nowhere"]\n', r"countries\.toml:2:1: aliases\.XX: not an ISO 3166-1 alpha-2 code"),
        ('[names.fr]\nGB = "Royaume-Uni"\n', r"countries\.toml:1:1: names\.fr: unknown language"),
        ('[names.az]\nGB = 3\n', r"countries\.toml:2:1: names\.az\.GB: "),
    ],
)
def test_broken_country_names_override_is_a_one_line_error(capsys, monkeypatch, workspace, text, pattern):
    (workspace / "data" / "countries.toml").write_text(text, encoding="utf-8")
    status, report, err = check(capsys, monkeypatch, workspace)
    assert (status, report) == (2, None)
    assert err.count("\n") == 1 and re.search(pattern, err), err


def test_adequacy_override_of_a_listed_country_replaces_its_entry(workspace):
    """Withdrawing adequacy must not keep the Convention's entry-into-force date."""
    (workspace / "data" / "adequacy.toml").write_text(
        '[countries.DE]\nadequate = false\nbasis = "Local decision 2027/1"\n', encoding="utf-8"
    )
    reference = load_reference(workspace / "data")
    info = reference.adequacy_of("DE")
    assert (info.adequate, info.in_force) == (False, None)
    assert "1985" not in reference.describe_adequacy(info, "en")


def test_adequacy_override_may_only_complete_a_shipped_entry(workspace):
    """An entry that only adds what was not verified keeps the shipped basis."""
    (workspace / "data" / "adequacy.toml").write_text(
        "[countries.CZ]\nin_force = 2001-11-01\nverified = true\n", encoding="utf-8"  # a date for the test
    )
    info = load_reference(workspace / "data").adequacy_of("CZ")
    assert (info.adequate, info.verified, str(info.in_force)) == (True, True, "2001-11-01")


def test_rule_texts_may_be_reworded_by_a_workspace(workspace):
    (workspace / "data" / "rulebook_az.toml").write_text(
        '[rules."AZ-NOTIFY-1"]\nseverity = "pending"\nmessage.en = "Notify the ministry about {recipient}."\n',
        encoding="utf-8",
    )
    reference = load_reference(workspace / "data")
    rule = reference.rule("AZ-NOTIFY-1")
    assert (rule.severity, rule.message["en"]) == ("pending", "Notify the ministry about {recipient}.")
    assert rule.message["az"]  # the other languages remain


def test_workspace_may_leave_a_ground_out(workspace):
    (workspace / "data" / "rulebook_az.toml").write_text(
        '[grounds]\nvalues = ["consent", "contract"]\n', encoding="utf-8"
    )
    assert load_reference(workspace / "data").grounds == ("consent", "contract")
