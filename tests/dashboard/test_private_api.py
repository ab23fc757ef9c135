"""Streamlit internals the dashboard leans on, checked so that an upgrade fails here, loudly,
instead of silently breaking deep links (the browser test of a shared link covers the effect)."""

from streamlit.runtime.pages_manager import PagesManager


def test_pages_manager_still_has_the_legacy_pages_switch():
    """dashboard.ui.ensure_navigation turns off the old `pages/` folder mode through
    PagesManager.uses_pages_directory; without it a first visit to /tang_truong runs the page
    outside app.py's st.navigation."""
    assert hasattr(PagesManager, "uses_pages_directory"), (
        "Streamlit no longer has PagesManager.uses_pages_directory: rework "
        "dashboard.ui.ensure_navigation (or rename pages/) before upgrading")
    assert isinstance(PagesManager.uses_pages_directory, bool | None)
