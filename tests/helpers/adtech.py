"""Shared facts of issue 12, for the tests and the held-out evaluation."""

from __future__ import annotations

# The ad-tech companies whose cookies `delete --ads` used to leave behind (issue 12).
MISSED = [
    "acuityplatform.com", "adhigh.net", "admedo.com", "adscale.de", "affec.tv", "appier.net",
    "contextweb.com", "cpx.to", "creative-serving.com", "ctnsnet.com", "deepintent.com",
    "dtscout.com", "emxdgt.com", "ib-ibi.com", "ipredictive.com", "loopme.me", "mfadsrvr.com",
    "mookie1.com", "mxptint.net", "owneriq.net", "pro-market.net", "rfihub.com", "rkdms.com",
    "socdm.com", "sojern.com", "storygize.net", "technoratimedia.com", "thrtle.com",
    "tribalfusion.com", "truoptik.com", "tynt.com",
]
