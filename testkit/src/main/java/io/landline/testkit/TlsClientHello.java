package io.landline.testkit;

import java.io.ByteArrayOutputStream;

/**
 * Hand-built TLS ClientHello records for hostile-client tests: modern JDKs refuse to even send
 * a TLS 1.0 or 1.1 hello, so a test that wants to see a server turn one away writes the bytes.
 *
 * <pre>
 * TLSPlaintext (RFC 5246 §6.2.1)
 *   +------+---------+--------+
 *   | 0x16 | version | length |   content type 22 = handshake; version as offered; uint16 length
 *   +------+---------+--------+
 * Handshake (RFC 5246 §7.4)
 *   | 0x01 | uint24 length |     msg_type 1 = client_hello
 * ClientHello (RFC 5246 §7.4.1.2)
 *   | client_version (2) | random (32) | session_id (1 + 0) |
 *   | cipher_suites (2 + 2n) | compression_methods (1 + 1) | extensions (2 + ...) |
 * </pre>
 *
 * The hello offers ECDHE and RSA key exchange with AES-CBC-SHA1 suites (the ones every TLS 1.0
 * stack had), the secure-renegotiation SCSV, supported_groups and ec_point_formats (RFC 4492),
 * and no supported_versions extension, so it cannot negotiate TLS 1.3 (RFC 8446 §4.2.1).
 */
public final class TlsClientHello {

    public static final int SSL_3_0 = 0x0300;
    public static final int TLS_1_0 = 0x0301;
    public static final int TLS_1_1 = 0x0302;
    public static final int TLS_1_2 = 0x0303;

    /** TLSPlaintext content types (RFC 5246 §6.2.1). */
    public static final int CONTENT_TYPE_ALERT = 21;
    public static final int CONTENT_TYPE_HANDSHAKE = 22;

    private static final int HANDSHAKE_CLIENT_HELLO = 1;
    private static final int[] CIPHER_SUITES = {
        0xC009, // TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
        0xC00A, // TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA
        0xC013, // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
        0xC014, // TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
        0x002F, // TLS_RSA_WITH_AES_128_CBC_SHA
        0x0035, // TLS_RSA_WITH_AES_256_CBC_SHA
        0x000A, // TLS_RSA_WITH_3DES_EDE_CBC_SHA
        0x00FF, // TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3)
    };
    private static final int EXTENSION_SUPPORTED_GROUPS = 0x000A;
    private static final int EXTENSION_EC_POINT_FORMATS = 0x000B;
    private static final int[] GROUPS = {
        0x001D, // x25519
        0x0017, // secp256r1
        0x0018, // secp384r1
    };

    private TlsClientHello() {
    }

    /**
     * One complete TLS record holding a ClientHello that offers exactly {@code version}
     * ({@link #SSL_3_0} to {@link #TLS_1_2}). The record layer carries the same version, as
     * stacks of that era sent it.
     */
    public static byte[] legacy(int version) {
        if (version < SSL_3_0 || version > TLS_1_2) {
            throw new IllegalArgumentException("not a pre-TLS 1.3 version: 0x" + Integer.toHexString(version));
        }
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        u16(hello, version);
        for (int i = 0; i < 32; i++) {
            hello.write(i); // random: fixed bytes keep the fixture reproducible; a refusal needs no entropy
        }
        hello.write(0); // session_id: empty
        u16(hello, CIPHER_SUITES.length * 2);
        for (int suite : CIPHER_SUITES) {
            u16(hello, suite);
        }
        hello.write(1); // compression_methods: one,
        hello.write(0); // null
        byte[] extensions = extensions();
        u16(hello, extensions.length);
        hello.writeBytes(extensions);

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(HANDSHAKE_CLIENT_HELLO);
        u24(handshake, hello.size());
        handshake.writeBytes(hello.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(CONTENT_TYPE_HANDSHAKE);
        u16(record, version);
        u16(record, handshake.size());
        record.writeBytes(handshake.toByteArray());
        return record.toByteArray();
    }

    private static byte[] extensions() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, EXTENSION_SUPPORTED_GROUPS);
        u16(out, 2 + GROUPS.length * 2); // extension_data length
        u16(out, GROUPS.length * 2);     // named_group_list length
        for (int group : GROUPS) {
            u16(out, group);
        }
        u16(out, EXTENSION_EC_POINT_FORMATS);
        u16(out, 2); // extension_data length
        out.write(1); // ec_point_format_list length
        out.write(0); // uncompressed
        return out.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void u24(ByteArrayOutputStream out, int value) {
        out.write(value >>> 16);
        u16(out, value);
    }
}
