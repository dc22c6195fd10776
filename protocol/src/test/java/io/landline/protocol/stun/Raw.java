package io.landline.protocol.stun;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** Hand-built STUN bytes for hostile-input tests: any length, any order, any value. */
public final class Raw {

    /** The transaction ID of every hand-built message. */
    public static final byte[] TRANSACTION = Hex.bytes("01 02 03 04 05 06 07 08 09 0a 0b 0c");

    private Raw() {
    }

    /** A message of {@code type} whose Message Length is exactly the attributes' bytes. */
    public static byte[] stun(int type, byte[]... attributes) {
        byte[] body = concat(attributes);
        return concat(header(type, body.length), body);
    }

    /** A message whose Message Length field says {@code declaredLength}, whatever follows. */
    public static byte[] stunWithLength(int type, int declaredLength, byte[]... attributes) {
        return concat(header(type, declaredLength), concat(attributes));
    }

    public static byte[] header(int type, int length) {
        byte[] h = new byte[20];
        h[0] = (byte) (type >> 8);
        h[1] = (byte) type;
        h[2] = (byte) (length >> 8);
        h[3] = (byte) length;
        h[4] = 0x21;
        h[5] = 0x12;
        h[6] = (byte) 0xa4;
        h[7] = 0x42;
        System.arraycopy(TRANSACTION, 0, h, 8, 12);
        return h;
    }

    /** An attribute with its true length and zero padding. */
    public static byte[] attr(int type, byte[] value) {
        return attrWithLength(type, value.length, value, -value.length & 3);
    }

    /** An attribute whose Length says {@code declared}, followed by {@code value} and {@code padding} zeros. */
    public static byte[] attrWithLength(int type, int declared, byte[] value, int padding) {
        byte[] a = new byte[4 + value.length + padding];
        a[0] = (byte) (type >> 8);
        a[1] = (byte) type;
        a[2] = (byte) (declared >> 8);
        a[3] = (byte) declared;
        System.arraycopy(value, 0, a, 4, value.length);
        return a;
    }

    public static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
