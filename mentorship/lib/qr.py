"""QR codes of the survey links as inline SVG: segno's own codes, drawn faster.

segno (pinned) makes a code of a survey link in 6–9 ms of CPU in pure Python, 85 % of it
choosing the data mask: it applies each of the 8 masks cell by cell through a Python
function and scores each masked matrix cell by cell; the Reed-Solomon division and the SVG
writer loop per term and per module too. A thousand printed cards took seconds. Here the
same steps run on the whole matrix at once: the matrix is one integer with a bit per cell
(a separator bit ending each row, the rows then the columns), a mask is one XOR, and the
four penalty rules of ISO/IEC 18004 7.8.3 are a few shifts and bit counts — scored exactly
as segno 1.6.6 scores them, quirks included, so the chosen mask, the matrix and the SVG are
byte for byte segno's (tests/mentorship/lib/test_qr.py compares them on many contents).
About 0.6 ms of CPU a code.

segno still makes the data bit stream (segments, version, error level, padding) and its
tables (generator polynomials, format and version information); Micro QR codes are left
to it entirely.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import segno
from segno import consts
from segno import encoder as _encoder

ERROR_M = consts.ERROR_LEVEL_M
_SEPARATOR = 2  # the cell ending each row: no mask touches it, no pattern crosses it
_TEXT = bytes.maketrans(b"\x00\x01\x02", b"01|")
_FROM_TEXT = bytes.maketrans(b"01", b"\x00\x01")
_DARK = bytes.maketrans(b"\x00\x01\x02", b"010")
_DARK_RUNS = re.compile(rb"1+")


def _plane(cells: bytes) -> int:
    """Cells (0x0 light, 0x1 dark, 0x2 a separator) as an integer: bit k is cell k dark."""
    return int(cells.translate(_DARK)[::-1], 2)


@dataclass(frozen=True)
class _Layout:
    """What every code of one version shares: where the data bits go, the masks, and the
    function patterns (finders, timing, alignment; format areas still blank)."""

    size: int
    # source → the matrix's cells row by row, each row ended by a separator, then the same
    # column by column (the transpose)
    cells: itemgetter
    template: bytes  # appended to the data bits to make the source
    data_cells: int
    # Per mask: (the rows, then the columns, as one XOR integer; the rows alone). The rows
    # and the columns are scored at once: the separators keep them apart.
    masks: tuple[tuple[int, int], ...]
    rows_only: int  # all bits of the rows' part
    valid_2x2: int  # the cells of the rows' part that start a 2×2 block inside the matrix


def _function_matrix(version: int) -> tuple[bytearray, ...]:
    """segno's matrix before the data: 0x2 marks a data cell (the encoding region)."""
    size = _encoder.calc_matrix_size(version)
    matrix = _encoder.make_matrix(size, size)
    _encoder.add_finder_patterns(matrix, size, size)
    _encoder.add_alignment_patterns(matrix, size, size)
    return matrix


def _placement(matrix: tuple[bytearray, ...]) -> list[tuple[int, int]]:
    """The data cells in the order segno's add_codewords fills them (QR, not Micro QR):
    two-module columns from the right, alternately upwards and downwards, skipping the
    vertical timing pattern."""
    size = len(matrix)
    order = []
    for right in range(size - 1, 0, -2):
        if right <= 6:
            right -= 1
        for vertical in range(size):
            for z in range(2):
                j = right - z
                upwards = ((right & 2) == 0) ^ (j < 6)
                i = (size - 1 - vertical) if upwards else vertical
                if matrix[i][j] == 0x2:
                    order.append((i, j))
    return order


@lru_cache(maxsize=8)
def _layout(version: int) -> _Layout:
    matrix = _function_matrix(version)
    size, width = len(matrix), len(matrix) + 1
    order = _placement(matrix)
    data_index = {cell: k for k, cell in enumerate(order)}
    bits = len(order)
    template = bytes(v if v != 0x2 else 0 for row in matrix for v in row) + bytes([_SEPARATOR])
    separator = bits + size * size

    def source_index(i: int, j: int) -> int:
        if j == size:
            return separator
        return data_index.get((i, j), bits + i * size + j)

    row_index = [source_index(i, j) for i in range(size) for j in range(width)]
    column_index = [
        source_index(i, j) if i < size else separator for j in range(size) for i in range(width)
    ]
    mask_functions = _encoder.get_data_mask_functions(False)
    masks = []
    for function in mask_functions:
        rows = bytearray(size * width)
        columns = bytearray(size * width)
        for i, j in order:
            if function(i, j):
                rows[i * width + j] = 1
                columns[j * width + i] = 1
        masks.append((_plane(bytes(rows + columns)), _plane(bytes(rows))))
    valid = bytearray(size * width)
    for i in range(size - 1):
        for j in range(size - 1):
            valid[i * width + j] = 1
    return _Layout(
        size=size,
        cells=itemgetter(*row_index, *column_index),
        template=template,
        data_cells=bits,
        masks=tuple(masks),
        rows_only=(1 << size * width) - 1,
        valid_2x2=_plane(bytes(valid)),
    )


@lru_cache(maxsize=64)
def _format_and_version(version: int, error: int, mask: int) -> int:
    """What segno's add_format_info and add_version_info change in the masked matrix, as an
    XOR on the rows' bits: those cells were blank while masks were scored, and are set
    whatever they held."""
    before = _function_matrix(version)
    after = tuple(bytearray(row) for row in before)
    _encoder.add_format_info(after, version, error, mask)
    _encoder.add_version_info(after, version)
    changed = bytearray()
    for old, new in zip(before, after, strict=True):
        changed += bytes(a ^ b for a, b in zip(old, new, strict=True)) + b"\0"
    return _plane(bytes(changed))


@lru_cache(maxsize=8)
def _cell_masks(size: int) -> tuple[int, dict[int, int]]:
    """The bits of all cells of the rows and the columns (not the separators), and of the
    cells of column c in either."""
    cells = int(("0" + "1" * size) * 2 * size, 2)
    column = int(("0" * size + "1") * 2 * size, 2)
    return cells, {c: column << c for c in range(size)}


def _runs(equal: int) -> int:
    """segno's N1: a run of L ≥ 5 same-colour cells scores L - 2, i.e. one per window of
    five equal cells (L - 4) and two per run. equal: a cell has the next one's colour."""
    windows = equal & (equal >> 1) & (equal >> 2) & (equal >> 3)
    return windows.bit_count() + 2 * (windows & ~(windows << 1)).bit_count()


def _finder_like(dark: int, light: int, size: int) -> int:
    """segno's N3: 40 per dark-light-dark×3-light-dark pattern whose cells before or after
    are light: four of them, fewer at the matrix's edge (none at the first and the last
    place of a row). segno looks for the next pattern from the end of a counted one, so a
    pattern overlapping a counted one is not counted."""
    _cells, column = _cell_masks(size)
    found = (
        dark
        & (light >> 1)
        & (dark >> 2)
        & (dark >> 3)
        & (dark >> 4)
        & (light >> 5)
        & (dark >> 6)
    )
    if not found:
        return 0
    light_side = column[0] | column[size - 7]
    before = after = -1
    for cells in range(1, 5):
        before &= light << cells
        after &= light >> (6 + cells)
        if cells < 4:
            light_side |= (column[cells] & before) | (column[size - 7 - cells] & after)
    counted = found & (light_side | before | after)
    # Two patterns overlap only 4 or 6 cells apart (the pattern's self-overlaps): those in
    # such a chain are walked in segno's order, the others are independent.
    linked = found & ((found << 4) | (found << 6) | (found >> 4) | (found >> 6))
    score = 40 * (counted & ~linked).bit_count()
    resume = 0
    while linked:
        low = linked & -linked
        linked ^= low
        index = low.bit_length() - 1
        if index < resume:
            continue
        if counted & low:
            score += 40
            resume = index + 7
        else:
            resume = index + 4
    return score


def _penalty(dark: int, layout: _Layout) -> int:
    """segno's mask_scores summed (N1 + N2 + N3 + N4) for one masked matrix, each a few
    operations on the whole matrix: a bit per cell, each row ended by a separator bit
    (neither dark nor light), the rows then the columns."""
    size = layout.size
    cells, _column = _cell_masks(size)
    light = cells ^ dark
    n1 = _runs((dark & (dark >> 1)) | (light & (light >> 1)))
    below = size + 1
    dark_2x2 = dark & (dark >> 1)
    dark_2x2 &= dark_2x2 >> below
    light_2x2 = light & (light >> 1)
    light_2x2 &= light_2x2 >> below
    n2 = 3 * ((dark_2x2 | light_2x2) & layout.valid_2x2).bit_count()
    n3 = _finder_like(dark, light, size)
    percent = float((dark & layout.rows_only).bit_count()) / (size**2)
    n4 = 10 * int(abs(percent * 100 - 50) / 5)
    return n1 + n2 + n3 + n4


def _byte_mode_codewords(content: str) -> tuple[int, int, bytes] | None:
    """(version, error level, data codewords) of a link as segno encodes it — one byte-mode
    segment (ISO 8859-1), the smallest version holding it at level M, the level raised
    while the version still holds it, a terminator, zero bits to the byte (a whole zero
    byte when already there: segno's write_padding_bits), then 0xEC 0x11 … — built as one
    integer instead of segno's bit by bit buffer. None for anything else (segno's path)."""
    try:
        data = content.encode(consts.DEFAULT_BYTE_ENCODING)
    except UnicodeError:
        return None
    # Short contents may be Micro QR codes, other modes are other segments: segno's path.
    if len(data) <= 20 or _encoder.find_mode(data) != consts.MODE_BYTE:
        return None
    count = len(data)
    for version in range(1, 41):
        count_bits = consts.CHAR_COUNT_INDICATOR_LENGTH[consts.MODE_BYTE][
            _encoder.version_range(version)
        ]
        length = 4 + count_bits + 8 * count
        if consts.SYMBOL_CAPACITY[version][ERROR_M] >= length:
            break
    else:
        return None
    error = ERROR_M
    for level in (consts.ERROR_LEVEL_Q, consts.ERROR_LEVEL_H):
        if consts.SYMBOL_CAPACITY[version][level] < length:
            break
        error = level
    capacity = consts.SYMBOL_CAPACITY[version][error]
    value = (((consts.MODE_BYTE << count_bits) | count) << 8 * count) | int.from_bytes(data, "big")
    terminator = min(capacity - length, 4)
    padding = 8 - (length + terminator) % 8
    value <<= terminator + padding
    length += terminator + padding
    codewords = value.to_bytes(length // 8, "big")
    fill = capacity // 8 - length // 8
    if fill > 0:
        codewords += (b"\xec\x11" * fill)[:fill]
    return version, error, codewords


def _data_bits(content: str) -> tuple[int, int, bytes]:
    """(version, error level, the final message's bits) exactly as segno.make(content,
    error="m") encodes them (its _encode up to the codeword placement); no bits for a
    Micro QR code (a version below 1)."""
    fast = _byte_mode_codewords(content)
    if fast is not None:
        version, error, codewords = fast
        return version, error, _final_message(version, error, codewords)
    segments = _encoder.prepare_data(content, None, None)
    version = _encoder.find_version(segments, ERROR_M, eci=False, micro=None)
    if version < 1:
        return version, ERROR_M, b""
    error = _encoder.boost_error_level(version, ERROR_M, segments, False, is_sa=False)
    buffer = _encoder.Buffer()
    version_range = _encoder.version_range(version)
    for segment in segments:
        _encoder.write_segment(buffer, segment, None, version_range, False)
    capacity = consts.SYMBOL_CAPACITY[version][error]
    _encoder.write_terminator(buffer, capacity, None, len(buffer))
    _encoder.write_padding_bits(buffer, version, len(buffer))
    _encoder.write_pad_codewords(buffer, version, capacity, len(buffer))
    bits = buffer.getbits()
    codewords = int(bits.translate(_TEXT), 2).to_bytes(len(bits) // 8, "big")
    return version, error, _final_message(version, error, codewords)


@lru_cache(maxsize=32)
def _generator_products(count: int) -> tuple[int, ...]:
    """For each byte c, c times the generator polynomial of `count` error correction
    codewords (segno's tables), as a `count`-byte big-endian integer."""
    generator = consts.GEN_POLY[count]
    products = [0]
    for c in range(1, 256):
        logarithm = consts.GALIOS_LOG[c]
        terms = bytes(consts.GALIOS_EXP[logarithm + g] for g in generator)
        products.append(int.from_bytes(terms, "big"))
    return tuple(products)


# segno's make_final_message: the remainder bits filling the encoding region
_REMAINDER = {**dict.fromkeys((2, 3, 4, 5, 6), 7), **dict.fromkeys(range(14, 21), 3)}
_REMAINDER |= {**dict.fromkeys(range(21, 28), 4), **dict.fromkeys(range(28, 35), 3)}


def _interleaved(blocks: list[bytes]) -> bytearray:
    """The blocks' first codewords, then their second ones, …; a longer block's last
    codewords after all (segno's zip_longest), by strided slices."""
    count, short = len(blocks), min(map(len, blocks))
    message = bytearray(count * short)
    for index, block in enumerate(blocks):
        message[index::count] = block[:short]
    for index in range(short, max(map(len, blocks))):
        message.extend(block[index] for block in blocks if index < len(block))
    return message


def _final_message(version: int, error: int, codewords: bytes) -> bytes:
    """segno's make_final_message for a QR code (not Micro): the data codewords in blocks,
    each block's Reed-Solomon codewords, both interleaved, as bits (0x0/0x1). The division
    keeps the remainder in one integer (a byte shift and a table XOR per data codeword)
    where segno loops over every term."""
    data_blocks, error_blocks = [], []
    offset = 0
    for info in consts.ECC[version][error]:
        count = info.num_total - info.num_data
        products = _generator_products(count)
        top, keep = 8 * (count - 1), (1 << 8 * count) - 1
        for _ in range(info.num_blocks):
            block = codewords[offset : offset + info.num_data]
            offset += info.num_data
            remainder = 0
            for codeword in block:
                remainder = ((remainder << 8) & keep) ^ products[(remainder >> top) ^ codeword]
            data_blocks.append(block)
            error_blocks.append(remainder.to_bytes(count, "big"))
    message = _interleaved(data_blocks) + _interleaved(error_blocks)
    value = int.from_bytes(message, "big")
    text = f"{value:0{8 * len(message)}b}".encode().translate(_FROM_TEXT)
    return text + bytes(_REMAINDER.get(version, 0))


@dataclass(frozen=True)
class Code:
    size: int
    mask: int
    cells: bytes  # row by row, b"0"/b"1", each row ended by b"|"

    @property
    def matrix(self) -> tuple[bytes, ...]:
        """The rows as segno's Code.matrix holds them (0x0 light, 0x1 dark)."""
        width = self.size + 1
        rows = self.cells.translate(bytes.maketrans(b"01", b"\0\1"))
        return tuple(rows[k : k + self.size] for k in range(0, len(rows), width))


def qr_code(content: str) -> Code:
    """segno.make(content, error="m")'s code: the same version, mask and matrix."""
    version, error, bits = _data_bits(content)
    if version < 1:  # a Micro QR code (a few characters): segno's own, it is small
        micro = segno.make(content, error="m")
        size = len(micro.matrix)
        cells = b"".join(bytes(row).translate(_TEXT) + b"|" for row in micro.matrix)
        return Code(size, micro.mask, cells)
    layout = _layout(version)
    if len(bits) != layout.data_cells:  # pragma: no cover — segno fills every data cell
        raise ValueError(f"{len(bits)} bits for {layout.data_cells} data cells")
    source = bits + layout.template
    dark = _plane(bytes(layout.cells(source)))
    best_mask, best_score = 0, None
    for mask, (both, _rows) in enumerate(layout.masks):
        score = _penalty(dark ^ both, layout)
        if best_score is None or score < best_score:
            best_mask, best_score = mask, score
    final = (dark & layout.rows_only) ^ layout.masks[best_mask][1]
    final ^= _format_and_version(version, error, best_mask)
    size = layout.size
    text = f"{final:0{size * (size + 1)}b}"[::-1].encode()
    cells = b"".join(text[k : k + size] + b"|" for k in range(0, len(text), size + 1))
    return Code(size, best_mask, cells)


class _Moves(dict):
    """A light gap followed by a dark run (b"0011") → its move within a row ("m2 0h2"),
    made once."""

    def __missing__(self, run: bytes) -> str:
        dark = len(run.lstrip(b"0"))
        self[run] = move = f"m{len(run) - dark} 0h{dark}"
        return move


_MOVES = _Moves()
_GAP_AND_RUN = re.compile(rb"0*1+")


def qr_svg(content: str, *, scale: int = 3, border: int = 2, svgclass: str = "qr-code") -> str:
    """segno.make(content, error="m").svg_inline(scale=scale, border=border,
    svgclass=svgclass, lineclass="") to the byte: one path of the rows' dark runs, each
    move relative to the end of the previous run."""
    code = qr_code(content)
    size = code.size
    path = []
    last_row = last_end = None
    for row, start in enumerate(range(0, len(code.cells), size + 1)):
        runs = _GAP_AND_RUN.findall(code.cells, start, start + size)
        if not runs:
            continue
        first = runs[0]
        dark = len(first.lstrip(b"0"))
        column = len(first) - dark
        if last_row is None:
            y = border + row + 0.5
            path.append(f"M{border + column} {int(y) if int(y) == y else y}h{dark}")
        else:
            path.append(f"m{column - last_end} {row - last_row}h{dark}")
        path += map(_MOVES.__getitem__, runs[1:])
        last_row, last_end = row, sum(map(len, runs))
    side = (size + 2 * border) * scale
    return (
        f'<svg width="{side}" height="{side}" class="{svgclass}">'
        f'<path transform="scale({scale})" stroke="#000" d="{"".join(path)}"/></svg>'
    )
