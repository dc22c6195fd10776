#!/usr/bin/env python3
# Splits a perf profile of the node into where a handshake's CPU goes: reads
# `perf script -F comm,ip,sym,dso` (call graphs recorded with -g, JIT frames named through
# `jcmd PID Compiler.perfmap`) on stdin and prints the share of samples by thread group, then,
# for each group, by what ran: BoringSSL by primitive, the kernel by system call, libjvm, and
# Java by subsystem (the frame nearest the leaf that names one).
# Usage: perf script -i perf.data -F comm,ip,sym,dso | bench/scripts/perf-split.py [ROWS]
import re
import sys
from collections import Counter, defaultdict

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 14

THREADS = [
    (r'^(C1|C2) CompilerThre', 'JIT compiler threads'),
    (r'^(G1|GC Thread|VM Thread|VM Periodic)', 'GC and VM threads'),
    (r'^vert\.x-eventloo', 'event loops'),
    (r'^(vert\.x-worker|vert\.x-internal)', 'Vert.x workers'),
    (r'^hz\.', 'Hazelcast threads'),
]

# Java frames that name a subsystem, most specific first; the frame nearest the leaf decides.
SUBSYSTEMS = [
    (r'io\.landline\.tls\.|org\.bouncycastle', 'client certificate trust (DeviceCertificateTrust, Bouncy Castle)'),
    (r'OpenSslKeyMaterial|OpenSslCachingKeyMaterial|X509KeyManager|KeyManagerFactory', 'server key material per handshake (Netty key manager)'),
    (r'clientCertificateCommonName|TcpTransport\.subjectOf|TcpTransport\.commonName', 'CONNECT: certificate CN read'),
    (r'com\.hazelcast', 'Hazelcast (presence claim, session store)'),
    (r'org\.h2\.|com\.zaxxer|io\.landline\.device\.|io\.landline\.storage\.|io\.landline\.notification\.|java\.sql', 'JDBC/H2 (device lookup, pending read)'),
    (r'io\.landline\.gateway\.push\.', 'push pipeline (deviceReady)'),
    (r'io\.micrometer', 'metrics'),
    (r'java\.util\.logging|io\.vertx\.core\.impl\.logging', 'logging'),
    (r'io\.landline\.gateway\.mqtt\.|io\.netty\.handler\.codec\.mqtt', 'MQTT session and codec'),
    (r'io\.netty\.handler\.ssl\.', 'SslHandler/OpenSslEngine (Java, JNI)'),
    (r'io\.vertx\.core\.net\.|io\.vertx\.core\.internal\.net\.|io\.vertx\.core\.net\.impl', 'Vert.x NetServer accept and NetSocketImpl'),
    (r'io\.netty\.channel\.|io\.netty\.buffer\.|io\.netty\.util\.', 'Netty channel, epoll, buffers'),
    (r'io\.vertx\.', 'Vert.x context and tasks'),
]

BORINGSSL = [
    (r'(?i)mlkem|kyber|keccak|sha3|shake', 'ML-KEM (X25519MLKEM768 key share)'),
    (r'(?i)x25519|curve25519|fiat_25519|ge_|x25519_', 'X25519'),
    (r'(?i)p256|ecp_nistz|ec_GFp|ec_point|ec_scalar|ecdsa|bn_|fiat_p256|ec_|EC_', 'P-256 (ECDSA sign, verify, ECDHE)'),
    (r'(?i)sha256|sha512|sha1|hmac|hkdf|md_', 'hashes, HKDF'),
    (r'(?i)aes|gcm|chacha|poly1305|aead', 'record cipher'),
    (r'(?i)asn1|x509|crypto_buffer|cbs_|cbb_|pem|bio|base64|d2i|i2d|EVP_parse|EVP_marshal', 'ASN.1, X.509, PEM parsing'),
    (r'(?i)malloc|free|OPENSSL_|memcpy|memset|CRYPTO_', 'allocation, memory'),
]


def thread_group(comm):
    for pattern, name in THREADS:
        if re.search(pattern, comm):
            return name
    return 'other threads (' + re.sub(r'[-#]?\d+$', '', comm) + ')'


def what(stack):
    """stack: [(sym, dso)] leaf first."""
    sym, dso = stack[0]
    java = [s for s, d in stack if 'perf-' in d and '.map' in d]
    subsystem = None
    for s in java:
        for pattern, name in SUBSYSTEMS:
            if re.search(pattern, s):
                subsystem = name
                break
        if subsystem:
            break
    if 'tcnative' in dso:
        for pattern, name in BORINGSSL:
            if re.search(pattern, sym):
                return 'BoringSSL: ' + name
        return 'BoringSSL: other (' + sym[:40] + ')'
    if 'kernel' in dso:
        call = next((s for s, d in stack if s.startswith('__x64_sys_') or s.startswith('__do_sys_')), None)
        if call is None:
            call = 'softirq/irq' if any('irq' in s for s, d in stack) else 'scheduler, other'
        return 'kernel: ' + call.replace('__x64_sys_', '').replace('__do_sys_', '')
    if 'libjvm' in dso:
        return 'libjvm: ' + (subsystem or 'no Java caller') + ' (' + sym[:40] + ')'
    if 'libc' in dso or 'ld-linux' in dso:
        return 'libc: ' + (subsystem or sym[:40])
    return 'Java: ' + (subsystem or 'other (' + sym[:60] + ')')


groups = Counter()
by_group = defaultdict(Counter)
total = 0
comm = None
stack = []


def flush():
    global total
    if comm is not None and stack:
        g = thread_group(comm)
        groups[g] += 1
        by_group[g][what(stack)] += 1
        total += 1


for line in sys.stdin:
    if not line.strip():
        flush()
        comm, stack = None, []
    elif not line[0].isspace():
        flush()
        comm, stack = line.strip(), []
    else:
        m = re.match(r'\s*[0-9a-f]+ (.*?) \(((?:[^()]|\(deleted\))*)\)\s*$', line)
        if m:
            stack.append((m.group(1), m.group(2)))
flush()

if total == 0:
    sys.exit('no samples')
print(f'{total} samples')
for g, n in groups.most_common():
    print(f'{100 * n / total:6.1f}%  {g}')
    for w, k in by_group[g].most_common(rows):
        print(f'          {100 * k / total:6.1f}%  {w}')
