package io.landline.protocol.stun;

/**
 * The 12-bit method of a STUN message (RFC 8489 §5). A record, not an enum, so that a method
 * this codec does not know still decodes and the server can answer it (RFC 8656 §7: 400).
 *
 * @param code the method number, 0x000 to 0xFFF
 */
public record StunMethod(int code) {

    /** RFC 8489 §18.2. */
    public static final StunMethod BINDING = new StunMethod(0x001);
    /** RFC 8656 §17. */
    public static final StunMethod ALLOCATE = new StunMethod(0x003);
    public static final StunMethod REFRESH = new StunMethod(0x004);
    public static final StunMethod SEND = new StunMethod(0x006);
    public static final StunMethod DATA = new StunMethod(0x007);
    public static final StunMethod CREATE_PERMISSION = new StunMethod(0x008);
    public static final StunMethod CHANNEL_BIND = new StunMethod(0x009);
    /** RFC 6062 §6.2 (TCP allocations); known by name only. */
    public static final StunMethod CONNECT = new StunMethod(0x00A);
    public static final StunMethod CONNECTION_BIND = new StunMethod(0x00B);
    public static final StunMethod CONNECTION_ATTEMPT = new StunMethod(0x00C);

    public StunMethod {
        if (code < 0 || code > 0xFFF) {
            throw new IllegalArgumentException("a STUN method has 12 bits: " + code);
        }
    }

    /** The method with number {@code code}; the constants for the known ones, no allocation. */
    public static StunMethod of(int code) {
        return switch (code) {
            case 0x001 -> BINDING;
            case 0x003 -> ALLOCATE;
            case 0x004 -> REFRESH;
            case 0x006 -> SEND;
            case 0x007 -> DATA;
            case 0x008 -> CREATE_PERMISSION;
            case 0x009 -> CHANNEL_BIND;
            case 0x00A -> CONNECT;
            case 0x00B -> CONNECTION_BIND;
            case 0x00C -> CONNECTION_ATTEMPT;
            default -> new StunMethod(code);
        };
    }

    /** The name the RFCs give the method, or its number in hex. */
    public String name() {
        return switch (code) {
            case 0x001 -> "Binding";
            case 0x003 -> "Allocate";
            case 0x004 -> "Refresh";
            case 0x006 -> "Send";
            case 0x007 -> "Data";
            case 0x008 -> "CreatePermission";
            case 0x009 -> "ChannelBind";
            case 0x00A -> "Connect";
            case 0x00B -> "ConnectionBind";
            case 0x00C -> "ConnectionAttempt";
            default -> String.format("0x%03X", code);
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
