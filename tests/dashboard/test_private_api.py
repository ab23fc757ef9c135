"""Streamlit and Plotly internals the dashboard leans on, checked so that an upgrade fails here,
loudly, instead of silently breaking deep links (the browser test of a shared link covers the
effect) or the figures shared between sessions."""

from streamlit.runtime.pages_manager import PagesManager


def test_pages_manager_still_has_the_legacy_pages_switch():
    """dashboard.ui.ensure_navigation turns off the old `pages/` folder mode through
    PagesManager.uses_pages_directory; without it a first visit to /tang_truong runs the page
    outside app.py's st.navigation."""
    assert hasattr(PagesManager, "uses_pages_directory"), (
        "Streamlit no longer has PagesManager.uses_pages_directory: rework "
        "dashboard.ui.ensure_navigation (or rename pages/) before upgrading")
    assert isinstance(PagesManager.uses_pages_directory, bool | None)


def test_pages_manager_still_exposes_the_intended_page():
    """dashboard.ui.open_addressed_page reads the page name the address asks for and clears it
    before st.navigation resolves it (so /tong_quan and unknown paths open the first page with
    no English 'Page not found'); the browser test of /tong_quan covers the effect."""
    for name in ("intended_page_name", "intended_page_script_hash", "set_script_intent"):
        assert hasattr(PagesManager, name), (
            f"Streamlit's PagesManager lost {name}: rework dashboard.ui.open_addressed_page")
    manager = PagesManager("app.py")
    manager.set_script_intent("", "tong_quan")
    assert (manager.intended_page_script_hash, manager.intended_page_name) == ("", "tong_quan")


def test_plotly_still_builds_a_figure_without_validating_it_again():
    """dashboard.figures turns a shared figure's dict back into a figure with Plotly's private
    `_validate=False` (validating it again would cost most of what sharing it saves)."""
    import plotly.graph_objects as go

    spec = go.Figure(go.Bar(x=["a"], y=[2]), layout={"height": 300}).to_dict()
    fig = go.Figure(spec, _validate=False)
    assert fig.to_dict() == spec
    # values are not validated again: Plotly would refuse an opacity of 5
    go.Figure({"data": [{"type": "bar", "opacity": 5}]}, _validate=False)


def test_app_test_still_takes_a_component_registry_scanned_once():
    """bench/pages.py hands every AppTest one registry of installed components, as a server
    scans them once at start; without it each new AppTest scans again on its first run, and
    that scan, the same on any database, is most of a small page's cold time."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("import streamlit as st\nst.write('x')")
    assert hasattr(at, "_bidi_component_manager"), (
        "AppTest lost _bidi_component_manager: rework bench/pages.py's _components")
    assert at._bidi_component_manager is None
