#!/usr/bin/env python3
"""Who holds the byte[] (and String) of a heap: each array is attributed to the path of its
first referrers (class.field <- class.field <- ...) in a HotSpot heap dump, and two dumps
(before and while holding N connections) are compared per connection.

Usage: hprof-referrers.py BEFORE.hprof AFTER.hprof N [ROWS] [DEPTH] [CLASSES]
CLASSES: comma-separated class names to attribute instead of byte[] and java.lang.String
(instances are counted; sizes are known for arrays only).
Dumps from `jcmd PID GC.heap_dump -all=false FILE` (live objects only). Sizes are shallow, with
compressed references (16-byte array header, 8-byte alignment). Only standard library.
"""
import mmap
import struct
import sys
from collections import defaultdict

TYPE_SIZE = {4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
PRIM_NAME = {4: "boolean[]", 5: "char[]", 6: "float[]", 7: "double[]", 8: "byte[]", 9: "short[]", 10: "int[]", 11: "long[]"}
# Classes looked through when naming a holder: they say little on their own.
THROUGH = {"java.lang.String", "java.lang.Object[]", "java.util.HashMap$Node", "java.util.HashMap$Node[]",
           "java.util.concurrent.ConcurrentHashMap$Node", "java.util.concurrent.ConcurrentHashMap$Node[]",
           "java.util.ArrayList", "java.util.LinkedHashMap$Entry", "java.util.Arrays$ArrayList"}


def align(n):
    return (n + 7) & ~7


class Dump:
    def __init__(self, path):
        f = open(path, "rb")
        self.m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        end = self.m.find(b"\0")
        self.ids = struct.unpack_from(">I", self.m, end + 1)[0]
        self.idfmt = ">Q" if self.ids == 8 else ">I"
        self.start = end + 1 + 4 + 8
        self.strings = {}
        self.class_name = {}
        self.classes = {}  # class id -> (super, [(name, type)])
        self.kind = {}  # object id -> class id (instances, object arrays) or -type (primitive arrays)
        self.size = {}
        self.referrer = {}  # object id -> (holder id, field label)
        self._scan(first=True)
        self._scan(first=False)

    def _id(self, pos):
        return struct.unpack_from(self.idfmt, self.m, pos)[0]

    def _records(self):
        m, pos = self.m, self.start
        n = len(m)
        while pos < n:
            tag = m[pos]
            length = struct.unpack_from(">I", m, pos + 5)[0]
            yield tag, pos + 9, length
            pos += 9 + length

    def _scan(self, first):
        I = self.ids
        for tag, body, length in self._records():
            if first and tag == 0x01:
                self.strings[self._id(body)] = self.m[body + I:body + length].decode("utf-8", "replace")
            elif first and tag == 0x02:
                cid = self._id(body + 4)
                self.class_name[cid] = self._id(body + 8 + I)
            elif tag in (0x0C, 0x1C):
                self._segment(body, body + length, first)

    def name(self, cid):
        n = self.class_name.get(cid)
        s = self.strings.get(n, "?") if n is not None else "?"
        if s.startswith("["):
            depth = len(s) - len(s.lstrip("["))
            base = s[depth:]
            prim = {"B": "byte", "C": "char", "I": "int", "J": "long", "S": "short", "Z": "boolean", "F": "float", "D": "double"}
            base = prim.get(base, base[1:-1] if base.startswith("L") else base)
            s = base + "[]" * depth
        return s.replace("/", ".")

    def _segment(self, pos, end, first):
        m, I, rid = self.m, self.ids, self._id
        roots = {0xFF: I, 0x01: 2 * I, 0x02: I + 8, 0x03: I + 8, 0x04: I + 4, 0x05: I, 0x06: I + 4, 0x07: I, 0x08: I + 8}
        while pos < end:
            sub = m[pos]
            pos += 1
            if sub in roots:
                pos += roots[sub]
            elif sub == 0x20:
                cid = rid(pos)
                sup = rid(pos + 4 + I)
                p = pos + 4 + 7 * I + 4
                (cp,) = struct.unpack_from(">H", m, p); p += 2
                for _ in range(cp):
                    t = m[p + 2]; p += 3 + (I if t == 2 else TYPE_SIZE[t])
                (st,) = struct.unpack_from(">H", m, p); p += 2
                for _ in range(st):
                    t = m[p + I]; p += I + 1 + (I if t == 2 else TYPE_SIZE[t])
                (nf,) = struct.unpack_from(">H", m, p); p += 2
                fields = []
                for _ in range(nf):
                    fields.append((rid(p), m[p + I])); p += I + 1
                if first:
                    self.classes[cid] = (sup, fields)
                pos = p
            elif sub == 0x21:
                oid = rid(pos); cid = rid(pos + 4 + I); (n,) = struct.unpack_from(">I", m, pos + 4 + 2 * I)
                data = pos + 8 + 2 * I
                if first:
                    self.kind[oid] = cid
                else:
                    self._instance_refs(oid, cid, data)
                pos = data + n
            elif sub == 0x22:
                oid = rid(pos); (n,) = struct.unpack_from(">I", m, pos + 4 + I); cid = rid(pos + 8 + I)
                data = pos + 8 + 2 * I
                if first:
                    self.kind[oid] = cid
                    self.size[oid] = align(16 + 4 * n)
                else:
                    ref = self.referrer
                    for k in range(n):
                        t = rid(data + k * I)
                        if t and t not in ref:
                            ref[t] = (oid, "[]")
                pos = data + n * I
            elif sub == 0x23:
                oid = rid(pos); (n,) = struct.unpack_from(">I", m, pos + 4 + I); t = m[pos + 8 + I]
                if first:
                    self.kind[oid] = -t
                    self.size[oid] = align(16 + TYPE_SIZE[t] * n)
                pos = pos + 9 + I + TYPE_SIZE[t] * n
            else:
                raise ValueError("unknown heap dump sub-record 0x%02x at %d" % (sub, pos - 1))

    def _layout(self, cid, cache={}):
        key = (id(self), cid)
        if key not in cache:
            out = []
            c = cid
            while c and c in self.classes:
                sup, fields = self.classes[c]
                out.extend((self.strings.get(n, "?"), t, self.name(c)) for n, t in fields)
                c = sup
            cache[key] = out
        return cache[key]

    def _instance_refs(self, oid, cid, p):
        I, ref = self.ids, self.referrer
        for fname, t, owner in self._layout(cid):
            if t == 2:
                target = self._id(p)
                if target and target not in ref:
                    ref[target] = (oid, fname)
                p += I
            else:
                p += TYPE_SIZE[t]

    def kind_name(self, oid):
        k = self.kind.get(oid)
        if k is None:
            return "?"
        return PRIM_NAME[-k] if k < 0 else self.name(k)

    def path(self, oid, depth):
        parts = []
        cur = oid
        while len(parts) < depth:
            r = self.referrer.get(cur)
            if r is None:
                parts.append("(root)")
                break
            holder, field = r
            hn = self.kind_name(holder)
            parts.append(hn + "." + field)
            cur = holder
            if hn not in THROUGH and len(parts) >= 2:
                break
        return " <- ".join(parts)

    def tally(self, want, depth):
        out = defaultdict(lambda: [0, 0])
        for oid, k in self.kind.items():
            n = self.kind_name(oid)
            if n in want:
                e = out[n + " @ " + self.path(oid, depth)]
                e[0] += 1
                e[1] += self.size.get(oid, 24 if n == "java.lang.String" else 0)
        return out


def main():
    before, after, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rows = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    depth = int(sys.argv[5]) if len(sys.argv) > 5 else 4
    want = set(sys.argv[6].split(",")) if len(sys.argv) > 6 else {"byte[]", "java.lang.String"}
    t = [Dump(p).tally(want, depth) for p in (before, after)]
    keys = set(t[0]) | set(t[1])
    diff = sorted(((t[1].get(k, [0, 0])[1] - t[0].get(k, [0, 0])[1]) / n, (t[1].get(k, [0, 0])[0] - t[0].get(k, [0, 0])[0]) / n, k)
                  for k in keys)
    diff.sort(key=lambda d: (-abs(d[0]), -abs(d[1])))
    total = sum(d[0] for d in diff if d[2].startswith("byte[]"))
    print("%10s %8s  %s" % ("bytes/conn", "inst/conn", "array @ first referrers (class.field <- ...)"))
    for b, i, k in diff[:rows]:
        print("%10.1f %8.2f  %s" % (b, i, k))
    print("%10.1f %8s  byte[] total (shallow)" % (total, ""))


if __name__ == "__main__":
    main()
