"""Files the app hands to the browser (PDFs to show, exports and bundles to save), never cached on the way:
most of them name a household."""

from __future__ import annotations

import io

from flask import Response, send_file


def file_response(data: bytes | str, mimetype: str, name: str, *, attachment: bool = False) -> Response:
    """`data` as a file called `name`: shown inline (PDFs), or saved with `attachment` (exports, bundles)."""
    body = data.encode("utf-8") if isinstance(data, str) else data
    response = send_file(io.BytesIO(body), mimetype=mimetype, as_attachment=attachment, download_name=name,
                         max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response
