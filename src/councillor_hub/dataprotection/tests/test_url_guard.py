"""Every data protection URL has a permission test: its name must appear, as
"dataprotection:<name>", in a permission matrix module of this app."""

from pathlib import Path

from councillor_hub.dataprotection import urls

TESTS = Path(__file__).parent


def test_every_url_is_in_a_permission_matrix():
    names = {pattern.name for pattern in urls.urlpatterns}
    text = "".join(path.read_text() for path in TESTS.glob("test_*permissions*.py"))
    missing = sorted(name for name in names if f'"dataprotection:{name}"' not in text)
    assert missing == [], f"No permission test names these URLs: {missing}"
