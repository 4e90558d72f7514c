"""Hostile uploads, shared by tests/e2e and bench/upload_memory.py."""
import io
import struct
import zlib


def deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def lying_xlsx(inflated: int) -> bytes:
    """A workbook whose sheet inflates to `inflated` bytes while its headers declare 4 KB, written
    by hand: zipfile would write the true size."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"<row>" + b" " * (1 << 20)
    sheet, crc = bytearray(), 0
    for _ in range(inflated // len(chunk)):
        sheet += compressor.compress(chunk)
        crc = zlib.crc32(chunk, crc)
    sheet += compressor.flush()
    entries = [(b"[Content_Types].xml", deflate(b"<Types/>"), zlib.crc32(b"<Types/>"), 8),
               (b"xl/workbook.xml", deflate(b"<workbook/>"), zlib.crc32(b"<workbook/>"), 11),
               (b"xl/worksheets/sheet1.xml", bytes(sheet), crc, 4096)]  # the lie: 4 KB declared
    out, central = io.BytesIO(), io.BytesIO()
    for name, payload, crc_value, declared in entries:
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc_value, len(payload), declared, len(name), 0))
        out.write(name + payload)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc_value, len(payload), declared,
                                  len(name), 0, 0, 0, 0, 0, offset))
        central.write(name)
    start = out.tell()
    out.write(central.getvalue())
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central.getvalue()), start, 0))
    return out.getvalue()
