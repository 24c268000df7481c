#!/usr/bin/env python3
"""hj212check.py -- an independent HJ 212 checker (shares no code with proto/).

Reads HJ 212 packets, one a line (CR LF or LF), from the files given or stdin, and checks
each against HJ 212-2017 / HJ 212-2025 as written in the standard:

  framing   "##" + 4 decimal digits + data segment + 4 hex digits + CR LF
  length    the byte count of the data segment (UTF-8)
  CRC       the HJ 212 CRC over the data segment (not CRC-16/MODBUS)
  header    QN (YYYYMMDDhhmmsszzz, a real date), ST, CN, PW (<= 6), MN (<= 24),
            Flag (version bits 1 or 2; D set iff PNUM/PNO present), CP=&&...&&
  CP        items separated by ';', fields by ',', each "key=value" with a non-empty key;
            data keys are code-Suffix with a known suffix; flags are one of N F M S D C T B;
            numeric fields parse as numbers; times are YYYYMMDDhhmmss
  3020      an -Info value of a code in the standard's field-information table (INFO below)
            has that code's format: i13006 (calibration time) a real YYYYMMDDhhmmss date,
            logs //text// of at most 890 characters, Nx / Nx.y numbers with at most x
            integer digits and y decimals (none for Nx), states one of their listed values.
            Other codes (the range's profile codes, e.g. i13013) are a number or //text//.

Lines starting with a single '#' and blank lines are skipped. --strict also refuses the
leniencies a receiver may accept (lowercase CRC, 2005 packets without QN/Flag, missing CR LF).
Prints one line per bad packet and a summary; exit status 1 if any packet failed.
"""
import argparse
import datetime
import re
import sys

SUFFIXES = {"Rtd", "Avg", "Min", "Max", "Cou", "Flag", "EFlag", "SampleTime", "Info", "SN",
            "RS", "RT", "Ala", "ZsRtd", "ZsAvg", "ZsMin", "ZsMax", "Data", "DayData", "NightData"}
FLAGS = set("NFMSDCTB")
NUMERIC = {"Rtd", "Avg", "Min", "Max", "Cou", "RT", "ZsRtd", "ZsAvg", "ZsMin", "ZsMax"}
TIME_KEYS = {"DataTime", "SystemTime", "BeginTime", "EndTime", "RestartTime"}

# HJ 212-2017, the field-information code table (现场端信息编码表): the format of each
# code's -Info value, for the codes whose format the table fixes (i13001, i13002, i13007,
# i13008, i13009: "unit and type as the instrument defines them", any number). A parser
# that follows the table refuses a value of another format.
DATE = "YYYYMMDDhhmmss"
INFO = {
    "i11001": ("C890",),                        # instrument run log
    "i12001": ("N2", {0, 1, 2, 3, 5, 6, 7, 8, 9, 10}),  # work state
    "i12002": ("N1", {0, 1}),                   # analyzer <-> DAU comms: normal, abnormal
    "i12003": ("N1", {0, 1}),                   # analyzer alarm: normal, alarm
    "i13003": ("N4",),                          # measuring interval, min
    "i13004": ("N3.1",),                        # digestion temperature, degC
    "i13005": ("N2",),                          # digestion time, min
    "i13006": (DATE,),                          # calibration time
    "i21001": ("C890",),                        # DAU run log
    "i22001": ("N1", {0, 1, 2, 3}),             # DAU work state
    "i31001": ("C890",),                        # door access log
    "i32001": ("N1", {0, 1, 2, 3}),             # door controller state
}


def check_info(code, value):
    """The problem with an -Info value of a code of INFO, or None."""
    fmt = INFO[code][0]
    if fmt == DATE:
        return None if check_time(value, False) else "not a real %s date" % DATE
    if fmt.startswith("C"):
        if not (len(value) >= 4 and value.startswith("//") and value.endswith("//")):
            return "not //text//"
        if len(value) - 4 > int(fmt[1:]):
            return "log text longer than %s characters" % fmt[1:]
        return None
    m = re.fullmatch(r"N(\d+)(?:\.(\d+))?", fmt)
    ints, decs = int(m.group(1)), int(m.group(2) or 0)
    pat = r"-?\d{1,%d}" % ints + (r"(\.\d{1,%d})?" % decs if decs else "")
    if not re.fullmatch(pat, value):
        return "not %s (at most %d integer digits%s)" % (
            fmt, ints, ", %d decimals" % decs if decs else ", no decimals")
    if len(INFO[code]) > 1 and int(value) not in INFO[code][1]:
        return "not one of %s" % ", ".join(str(v) for v in sorted(INFO[code][1]))
    return None


def crc_hj212(data: bytes) -> int:
    """Bitwise, as the standard's Appendix A describes it."""
    reg = 0xFFFF
    for b in data:
        reg = (reg >> 8) ^ b
        for _ in range(8):
            carry = reg & 1
            reg >>= 1
            if carry:
                reg ^= 0xA001
    return reg


def check_time(value: str, with_ms: bool) -> bool:
    n = 17 if with_ms else 14
    if len(value) != n or not value.isdigit():
        return False
    try:
        datetime.datetime.strptime(value[:14], "%Y%m%d%H%M%S")
    except ValueError:
        return False
    return True


def check_packet(raw: bytes, strict: bool):
    """Returns a list of problems (empty: the packet is valid)."""
    errs = []
    if strict and not raw.endswith(b"\r\n"):
        errs.append("no CR LF at the end")
    body = raw.rstrip(b"\r\n")
    if not body.startswith(b"##"):
        return ["does not start with ##"]
    if len(body) < 2 + 4 + 4:
        return ["too short"]
    lenf = body[2:6]
    if not lenf.isdigit():
        return ["length field is not 4 decimal digits"]
    seg = body[6:-4]
    crcf = body[-4:]
    if int(lenf) != len(seg):
        return ["length field %d but the data segment has %d bytes" % (int(lenf), len(seg))]
    if not re.fullmatch(rb"[0-9A-Fa-f]{4}", crcf):
        return ["CRC field is not 4 hex digits"]
    if strict and crcf.upper() != crcf:
        errs.append("CRC in lowercase")
    if int(crcf, 16) != crc_hj212(seg):
        return ["CRC %s, computed %04X" % (crcf.decode(), crc_hj212(seg))]
    try:
        text = seg.decode("utf-8")
    except UnicodeDecodeError:
        return ["data segment is not UTF-8"]
    cpi = text.find("CP=&&")
    if cpi < 0 or not text.endswith("&&") or len(text) < cpi + 7:
        return ["no CP=&&...&&"]
    head, cp = text[:cpi], text[cpi + 5:-2]
    if head and not head.endswith(";"):
        return ["header does not end with ';' before CP"]
    hdr = {}
    for part in head.split(";")[:-1]:
        if "=" not in part:
            return ["header element without '=': %r" % part]
        k, v = part.split("=", 1)
        if k in hdr:
            errs.append("header key %s twice" % k)
        hdr[k] = v
    order = [k for k in hdr]
    expected = ["QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO"]
    if order != [k for k in expected if k in hdr] or any(k not in expected for k in hdr):
        errs.append("header keys out of order or unknown: %s" % ",".join(order))
    if "QN" in hdr:
        if not check_time(hdr["QN"], True):
            errs.append("QN %r is not a real YYYYMMDDhhmmsszzz" % hdr["QN"])
    elif strict:
        errs.append("no QN")
    for k in ("ST", "CN"):
        if not hdr.get(k, "").isdigit():
            errs.append("%s missing or not a number" % k)
    if "PW" not in hdr or len(hdr["PW"]) > 6:
        errs.append("PW missing or longer than 6")
    if not (1 <= len(hdr.get("MN", "")) <= 24):
        errs.append("MN missing or longer than 24")
    split = False
    if "Flag" in hdr:
        if not hdr["Flag"].isdigit():
            errs.append("Flag not a number")
        else:
            flag = int(hdr["Flag"])
            ver = (flag >> 2) & 0x3F
            if ver not in (1, 2):
                errs.append("Flag version bits %d unknown" % ver)
            split = bool(flag & 2)
    elif strict:
        errs.append("no Flag")
    if split != ("PNUM" in hdr and "PNO" in hdr):
        errs.append("Flag D bit and PNUM/PNO disagree")
    if split:
        try:
            pnum, pno = int(hdr["PNUM"]), int(hdr["PNO"])
            if not (1 <= pno <= pnum):
                errs.append("PNO %d outside 1..PNUM %d" % (pno, pnum))
        except ValueError:
            errs.append("PNUM/PNO not numbers")
    if cp:
        errs.extend(check_cp(cp))
    return errs


def split_outside_logs(s: str, sep: str):
    """Splits on sep, but not inside //...// log text."""
    out, cur, i, inlog = [], [], 0, False
    while i < len(s):
        if s.startswith("//", i):
            inlog = not inlog
            cur.append("//")
            i += 2
            continue
        if s[i] == sep and not inlog:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(s[i])
        i += 1
    out.append("".join(cur))
    return out


def check_cp(cp: str):
    errs = []
    for item in split_outside_logs(cp, ";"):
        if item == "":
            errs.append("empty CP item")
            continue
        for field in split_outside_logs(item, ","):
            if "=" not in field:
                errs.append("CP field without '=': %r" % field)
                continue
            key, value = field.split("=", 1)
            if key == "" or key.strip() != key:
                errs.append("bad CP key %r" % key)
                continue
            if key in TIME_KEYS:
                if not check_time(value, False):
                    errs.append("%s %r is not YYYYMMDDhhmmss" % (key, value))
                continue
            if "-" not in key:
                continue  # PolId, QnRtn, ExeRtn, RtdInterval, RF ...
            code, suffix = key.rsplit("-", 1)
            if suffix not in SUFFIXES:
                errs.append("unknown suffix in %r" % key)
            elif suffix == "Flag" and value not in FLAGS:
                errs.append("%s=%r is not a data flag" % (key, value))
            elif suffix == "SampleTime" and not check_time(value, False):
                errs.append("%s %r is not YYYYMMDDhhmmss" % (key, value))
            elif suffix in NUMERIC:
                try:
                    float(value)
                except ValueError:
                    errs.append("%s=%r is not a number" % (key, value))
            elif suffix == "Info" and code in INFO:
                why = check_info(code, value)
                if why:
                    errs.append("%s=%r: %s" % (key, value, why))
            elif suffix == "Info" and not (value.startswith("//") and value.endswith("//")):
                try:
                    float(value)
                except ValueError:
                    errs.append("%s=%r is neither a number nor //text//" % (key, value))
    return errs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--strict", action="store_true")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()
    streams = [open(f, "rb") for f in a.files] or [sys.stdin.buffer]
    good = bad = 0
    for st in streams:
        for n, line in enumerate(st, 1):
            if not line.strip() or (line.startswith(b"#") and not line.startswith(b"##")):
                continue
            errs = check_packet(line, a.strict)
            if errs:
                bad += 1
                if not a.quiet:
                    print("%s:%d: %s" % (getattr(st, "name", "-"), n, "; ".join(errs)))
            else:
                good += 1
    print("%d passed, %d failed" % (good, bad))
    return 1 if bad or good == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
