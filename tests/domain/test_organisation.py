import pytest

from svdesk.domain.errors import ValidationError
from svdesk.domain.organisation import LegalForm, Organisation, company_number_problem, normalise_company_number
from svdesk.domain.words import count_words, first_words


@pytest.mark.parametrize("number", ["09876543", "SC123456", "NI012345", "OC401234", "R0123456", "sc 123456", "9876543", ""])
def test_valid_company_numbers(number):
    assert company_number_problem(number) is None


@pytest.mark.parametrize("number", ["123456789", "ABC12345", "SC12345X", "12-34-56", "S1234567"])
def test_invalid_company_numbers(number):
    assert company_number_problem(number)


def test_company_number_is_normalised():
    assert normalise_company_number(" sc 123456 ") == "SC123456"
    assert normalise_company_number("9876543") == "09876543"
    assert Organisation(name="A", company_number="sc123456").validated().company_number == "SC123456"


def test_problems_are_plain_english():
    org = Organisation(name="  ", company_number="x", staff=-1, website="not a site")
    problems = org.problems()
    assert len(problems) == 4
    assert "needs a name" in problems[0]
    with pytest.raises(ValidationError) as raised:
        org.validated()
    assert raised.value.problems == problems


def test_legal_forms():
    assert LegalForm.CIC_SHARES.is_cic and not LegalForm.CHARITY.is_cic
    assert not LegalForm.SOLE_TRADER.has_company_number
    assert LegalForm("coop_or_cbs").label == "Co-operative or community benefit society"


@pytest.mark.parametrize(
    "text, words",
    [("", 0), ("one", 1), ("well-being matters", 2), ("word—word", 1), ("a — b", 3), ("  Łukasz\tand\nZoë ", 3)],
)
def test_word_count(text, words):
    assert count_words(text) == words


def test_first_words_keeps_spacing():
    assert first_words("one  two three", 2) == "one  two"
    assert first_words("one", 5) == "one"
    assert first_words("one", 0) == ""
