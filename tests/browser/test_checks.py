"""The checks every step makes would pass vacuously if the browser stopped reporting what
they look for: here a page is made to break the Content-Security-Policy on purpose, and the
step must fail."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

BREAK_THE_POLICY = """() => {
    const script = document.createElement("script");
    script.textContent = "window.inlineRan = true";
    document.body.append(script);
    document.body.insertAdjacentHTML("beforeend", '<p style="color: red">inline</p>');
}"""


@pytest.mark.parametrize("language", ["en"])
def test_a_step_fails_on_an_inline_script_or_style(visitor, db):
    visitor.open("login")
    visitor.choose_language()
    visitor.page.evaluate(BREAK_THE_POLICY)
    assert visitor.page.evaluate("window.inlineRan") is None  # the policy blocked it
    with pytest.raises(AssertionError) as failed:
        visitor.step("policy-broken")
    assert "script-src" in str(failed.value) and "style-src" in str(failed.value)
