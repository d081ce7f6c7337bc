"""Full names taken out of wording before it is published."""

from svdesk.domain.names_in_text import NAME_REMOVED, NameRemover


def test_a_full_name_is_found_whatever_its_case_accents_and_punctuation():
    remover = NameRemover(["Zoë Smith-Jones", "Łukasz  Nowak", "Rose"])
    assert remover.remove("With ZOE smith jones and lukasz nowak.") == \
        (f"With {NAME_REMOVED} and {NAME_REMOVED}.", True)
    # One word of a name, or a one-word name, is left: "Rose Street" is a street.
    assert remover.remove("Rose Street, Smith Lane, Zoë's café") == ("Rose Street, Smith Lane, Zoë's café", False)


def test_the_longest_name_wins_and_nothing_else_changes():
    remover = NameRemover(["Amara Okafor", "Amara Okafor Jones"])
    assert remover.remove("for amara okafor jones\tand 👩🏽‍🔧 Amara\nOkafor") == \
        (f"for {NAME_REMOVED}\tand 👩🏽‍🔧 {NAME_REMOVED}", True)
    assert NameRemover([]).remove("Amara Okafor") == ("Amara Okafor", False)
    assert remover.remove("") == ("", False)
