"""The browser fixtures (`browser`, `page`: Chromium through Playwright on the live server)
for test_library_browser.py, shared from browser_tests/conftest.py."""

from councillor_hub.browser_tests.conftest import browser, page  # noqa: F401
