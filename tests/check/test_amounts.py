"""Amounts and means that tell two statements apart (charter.check.amounts), on real
readings (spaCy and WordNet files)."""

from __future__ import annotations

from charter.check.amounts import allowed, told_apart
from charter.nlp.norm_cache import read_texts
from charter.nlp.quantities import Bound


def test_a_ban_on_more_than_an_amount_of_its_object_allows_at_most_that() -> None:
    counted, other = read_texts(
        ["Do not send more than two reminders.", "Do not share files larger than 10 MB."]
    )
    found = allowed(counted)
    assert found == [Bound("reminder", None, 2)]  # at most two, two included
    assert allowed(other) is None  # the amount narrows the files, it does not count them


def test_a_range_leaves_two_ranges_not_one() -> None:
    assert Bound("word", 10, 20).complement() is None
    assert Bound("word", None, 20, high_open=True).complement() == Bound("word", 20, None)


def test_different_means_and_disjoint_amounts_tell_apart() -> None:
    email, post, text, sms, over, under = read_texts(
        [
            "Send invoices by email.",
            "Do not send invoices by post.",
            "Send receipts by text message.",
            "Do not send receipts by SMS.",
            "Offer free delivery on orders over 50 euros.",
            "Do not offer free delivery on orders under 40 euros.",
        ]
    )
    assert told_apart(email, post)
    assert not told_apart(text, sms)  # several words: may be the other's one word
    assert told_apart(over, under)
    assert not told_apart(email, email)
