"""A light Streamlit client that speaks the app's own websocket protocol, with no browser: what
a browser's first visit asks of the server, and nothing of the browser's own drawing.

It connects to `/_stcore/stream`, sends the BackMsg `rerun_script` a browser sends on opening a
page (the page's url path as `page_name`, the address's query string), and reads ForwardMsgs
until the script run ends (past a run cut short by st.rerun), noting when the first Plotly
chart arrives. Used by `bench/viewers.py --clients protocol`.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

__all__ = ["PageRun", "ProtocolError", "open_page", "rerun_message"]


class ProtocolError(RuntimeError):
    """The run did not end as a page that drew its chart."""


@dataclass(frozen=True)
class PageRun:
    """One session's first visit to a page, timed from the websocket's opening."""

    path: str
    first_chart_ms: float | None  # None: the run ended without a Plotly chart
    finished_ms: float
    charts: int
    elements: int


def rerun_message(path: str) -> bytes:
    """The BackMsg a browser sends to run the page at `path` ('/tang_truong?ky=2023'): with
    st.navigation the page is named by its url path, without the leading slash ('' is the
    first page)."""
    page, _, query = path.partition("?")
    message = BackMsg()
    message.rerun_script.page_name = page.strip("/")
    message.rerun_script.query_string = query
    return message.SerializeToString()


def _element_of(message: ForwardMsg) -> str | None:
    """The element type a ForwardMsg adds ('plotly_chart', 'markdown'…), None for others."""
    if message.WhichOneof("type") != "delta" or message.delta.WhichOneof("type") != "new_element":
        return None
    return message.delta.new_element.WhichOneof("type")


async def open_page(base: str, path: str, *, timeout: float = 300) -> PageRun:
    """Open a new session on the server at `base` (http://host:port), run the page at `path`
    and read until the script finishes. Raises ProtocolError when the run shows an exception
    or does not finish successfully."""
    url = base.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
    start = time.perf_counter()
    first_chart, charts, elements = None, 0, 0
    async with websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                  open_timeout=timeout, ping_interval=None) as socket:
        await socket.send(rerun_message(path))
        while True:
            message = ForwardMsg()
            message.ParseFromString(await _receive(socket, start, timeout))
            element = _element_of(message)
            if element == "exception":
                raise ProtocolError(f"{path}: the page showed an exception")
            if element == "plotly_chart":
                charts += 1
                if first_chart is None:
                    first_chart = (time.perf_counter() - start) * 1000
            elements += element is not None
            if message.WhichOneof("type") == "page_not_found":
                raise ProtocolError(f"{path}: page not found")
            if message.WhichOneof("type") == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    break
                if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    raise ProtocolError(f"{path}: script finished with status "
                                        f"{message.script_finished}")
                # st.rerun() (a page that settles its filters in the address first): the
                # session runs again, as in a browser; read on
    return PageRun(path, first_chart, (time.perf_counter() - start) * 1000, charts, elements)


async def _receive(socket, start: float, timeout: float) -> bytes:
    left = timeout - (time.perf_counter() - start)
    data = await asyncio.wait_for(socket.recv(), max(left, 0.001))
    if isinstance(data, str):
        raise ProtocolError("the server sent a text frame; Streamlit sends binary protobufs")
    return data
