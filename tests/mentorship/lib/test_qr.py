"""lib/qr.py draws segno's own codes faster: the same version, mask, matrix and SVG as
segno.make(link, error="m").svg_inline(...) on the links a wave prints, and on contents that
take other versions, several error correction blocks, the version information (7 and up) or
a Micro QR code. No QR decoder is installed: equality with segno's reference is the check
that the card's code still reads as its link."""

import functools
import random
import string

import pytest
import segno

from mentorship.lib.qr import qr_code, qr_svg

_rng = random.Random(16)
_TOKEN = string.ascii_letters + string.digits + "-_"


def _token(length: int = 43) -> str:  # secrets.token_urlsafe(32) is 43 characters
    return "".join(_rng.choice(_TOKEN) for _ in range(length))


LINKS = [f"http://testserver/s/{_token()}/" for _ in range(120)]
LINKS += [f"https://mentor.college.example.ru/s/{_token()}/" for _ in range(40)]
# Every length from Micro QR up to version 10, byte mode built here (Latin host) and by
# segno (the Cyrillic host is UTF-8): each padding case (a whole zero byte when the
# terminator ends on a byte, pad codewords or none) and each error level raised or not.
OTHERS = [f"http://a.ru/{_token(n)}" for n in range(1, 230)]
OTHERS += [f"https://наставничество.рф/s/{_token(n)}/" for n in range(1, 200, 9)]
OTHERS += ["HTTP://EXAMPLE.RU/S/" + str(n) * n for n in range(1, 30, 4)]  # alphanumeric
OTHERS += ["12345", "a", "x" * 300, "Я" * 120]  # Micro QR, versions up to ~14, UTF-8


@functools.cache
def _reference(content: str) -> segno.QRCode:
    """segno's code for content, made once: both tests below read it (segno tries every
    mask on each, most of this module's time)."""
    return segno.make(content, error="m")


@pytest.mark.parametrize("content", LINKS + OTHERS)
def test_qr_code_is_segnos(content):
    reference = _reference(content)
    code = qr_code(content)
    assert code.mask == reference.mask
    assert code.matrix == tuple(bytes(row) for row in reference.matrix)
    assert qr_svg(content) == reference.svg_inline(
        scale=3, border=2, svgclass="qr-code", lineclass=""
    )


def test_qr_versions_covered():
    """The contents above reach the cases the fast path handles differently."""
    codes = [_reference(content) for content in LINKS + OTHERS]
    versions = {code.version for code in codes if not code.is_micro}
    assert 5 in versions  # the wave's links
    assert max(versions) > 6  # version information
    assert any(code.is_micro for code in codes)
    assert {code.error for code in codes} >= {"M", "Q"}  # the level raised or not
