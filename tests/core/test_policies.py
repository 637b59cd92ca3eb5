"""Policy profiles: each shipped profile maps only clauses its seed policy really has, and
each mapped clause says what the commitment says. Checked against the seed texts kept in
shared/seeds beside the repository (FORMAT.md, "Every finding names its sources truthfully")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xborder.model.policy import COMMITMENTS
from xborder.rules import load_reference

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEED_OF = {
    "ims-engineering": "000",
    "charge-az": "001",
    "pro-bpm": "002",
    "alqoritmika": "003",
    "e-legal": "004",
}
# what each commitment's clause must speak of (a word of it, in the seed's language)
WORDS = {
    "definition": r"cross-border|transsərhəd",
    "adequacy": r"reliable protection|etibarlı qorunma",
    "grounds": r"yazılı|written",
    "notify_authority": r"notify the authori[sz]ed body .* intention",
    "recipient_information": r"obtain relevant information",
    "special_categories": r"special categories",
    "localisation": r"databases located in the Republic of Azerbaijan",
    "processor_contract": r"entrust the processing",
    "subject_information": r"right to access|transborder",
    "authority_request": r"on the request of such an authority.*within 30 days",
}

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the repository")


def _seed(number: str) -> str:
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def clauses(text: str) -> dict[str, str]:
    """Clause number -> its text, for the seeds' two numbering styles: "12.1. text" /
    "4.3 text" on a line, or a section heading "7. Title" followed by items " 1. text"
    (seed 003, where a heading may be glued to the end of the previous paragraph)."""
    found: dict[str, str] = {}
    section = last = None
    for line in text.splitlines():
        full = re.match(r"^(\d+)\.(\d+)\.?\s+(.*)", line)
        if full:
            last = f"{full.group(1)}.{full.group(2)}"
            found[last] = full.group(3)
            continue
        item = re.match(r"^\s+(\d+)\.\s+(.*)", line)
        if item and section is not None:
            last = f"{section}.{item.group(1)}"
            found[last] = item.group(2)
            continue
        headings = re.findall(r"(?:^|(?<=[.:]))(\d+)\. (?=\w)", line)
        if headings:
            section, last = headings[-1], None
        elif last is not None and line.strip():  # a clause's continuation (its list items)
            found[last] += "\n" + line.strip()
    return found


@pytest.fixture(scope="module")
def profiles():
    return load_reference(None).policies


def test_one_shipped_profile_per_seed(profiles):
    assert set(profiles) == set(SEED_OF)
    for profile in profiles.values():
        assert set(profile.clauses) <= set(COMMITMENTS)


@needs_seeds
@pytest.mark.parametrize("policy", sorted(SEED_OF))
def test_every_mapped_clause_is_in_the_seed_and_says_the_commitment(profiles, policy):
    seed = clauses(_seed(SEED_OF[policy]))
    for commitment, number in profiles[policy].clauses.items():
        assert number in seed, f"{policy}: clause {number} ({commitment}) is not in seed {SEED_OF[policy]}"
        assert re.search(WORDS[commitment], seed[number], re.IGNORECASE), (policy, commitment, seed[number][:120])


@needs_seeds
@pytest.mark.parametrize("policy", sorted(SEED_OF))
def test_no_commitment_the_seed_has_is_left_unmapped(profiles, policy):
    """A profile maps every cross-border commitment its policy has (a clause left out
    would make the notice cite the law where the operator's own clause exists)."""
    seed = clauses(_seed(SEED_OF[policy]))
    mapped = set(profiles[policy].clauses.values())
    for commitment in ("notify_authority", "recipient_information", "adequacy", "localisation"):
        for number, text in seed.items():
            if re.search(WORDS[commitment], text, re.IGNORECASE) and commitment not in profiles[policy].clauses:
                # the same words in a clause not about the commitment are allowed only when mapped elsewhere
                assert number in mapped, f"{policy}: clause {number} looks like {commitment}: {text[:100]}"


@needs_seeds
def test_e_legal_has_no_clause_on_cross_border_transfer(profiles):
    assert profiles["e-legal"].clauses == {}
    assert "transsərhəd" not in _seed("004").lower()


def test_the_parser_reads_both_numbering_styles():
    text = "12. Cross-border\n12.1. Before commencing\n4.3 The operator\n7. Title\n\n 1. first\n 2. second\nend.8. Next\n 1. eighth"
    assert clauses(text) == {"12.1": "Before commencing", "4.3": "The operator", "7.1": "first", "7.2": "second", "8.1": "eighth"}


def test_a_rule_model_names_only_shipped_profiles():
    reference = load_reference(None)
    for rule_id, rule in reference.rulebook.rules.items():
        for source in rule.model:
            assert source.policy in reference.policies, (rule_id, source.policy)
            # and the seed policy named really has the clause the rule was drawn from
            profile = reference.policies[source.policy]
            assert profile.company, rule_id
