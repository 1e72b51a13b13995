"""Form layouts → PDF: completed forms ready to sign, and the resident's route slip (受付案内票).

The counter and the kiosk call these; `navi forms` wraps them on the command line.
"""

from navi.pdf.render import NothingToPrint, packet_forms, render_form, render_packet
from navi.pdf.slip import render_route_slip

__all__ = ["NothingToPrint", "packet_forms", "render_form", "render_packet", "render_route_slip"]
