package io.landline.protocol.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.protocol.stun.attribute.ChannelNumber;
import io.landline.protocol.stun.attribute.Data;
import io.landline.protocol.stun.attribute.ErrorCode;
import io.landline.protocol.stun.attribute.IceControlled;
import io.landline.protocol.stun.attribute.IceControlling;
import io.landline.protocol.stun.attribute.Lifetime;
import io.landline.protocol.stun.attribute.Nonce;
import io.landline.protocol.stun.attribute.Priority;
import io.landline.protocol.stun.attribute.Realm;
import io.landline.protocol.stun.attribute.RequestedTransport;
import io.landline.protocol.stun.attribute.Software;
import io.landline.protocol.stun.attribute.StunAttribute;
import io.landline.protocol.stun.attribute.UnknownAttributes;
import io.landline.protocol.stun.attribute.UseCandidate;
import io.landline.protocol.stun.attribute.Username;
import io.landline.protocol.stun.attribute.XorMappedAddress;
import io.landline.protocol.stun.attribute.XorPeerAddress;
import io.landline.protocol.stun.attribute.XorRelayedAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ice4j.Transport;
import org.ice4j.TransportAddress;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.ChannelNumberAttribute;
import org.ice4j.attribute.DataAttribute;
import org.ice4j.attribute.ErrorCodeAttribute;
import org.ice4j.attribute.FingerprintAttribute;
import org.ice4j.attribute.IceControlledAttribute;
import org.ice4j.attribute.IceControllingAttribute;
import org.ice4j.attribute.LifetimeAttribute;
import org.ice4j.attribute.MessageIntegrityAttribute;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.PriorityAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.attribute.RequestedTransportAttribute;
import org.ice4j.attribute.SoftwareAttribute;
import org.ice4j.attribute.UnknownAttributesAttribute;
import org.ice4j.attribute.UseCandidateAttribute;
import org.ice4j.attribute.UsernameAttribute;
import org.ice4j.attribute.XorMappedAddressAttribute;
import org.ice4j.attribute.XorPeerAddressAttribute;
import org.ice4j.attribute.XorRelayedAddressAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.RawMessage;
import org.ice4j.stack.StunStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our codec against ice4j's, an independent STUN implementation: every message both know,
 * encoded by one, decodes in the other with the same fields and a valid MESSAGE-INTEGRITY and
 * FINGERPRINT; and both encoders write the same bytes.
 */
class Ice4jDifferentialTest {

    static final String USER = "alice";
    static final byte[] KEY = StunKeys.longTermMd5(USER, "landline", "secret");
    static final TransactionId TX = TransactionId.of(Hex.bytes("0f 1e 2d 3c 4b 5a 69 78 87 96 a5 b4"));

    private static StunStack stack;

    /** One message: its class and method, its attributes in order, and whether it ends with MI and FINGERPRINT. */
    record Case(String name, StunClass messageClass, StunMethod method, List<StunAttribute> attributes, boolean integrity) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void stack() {
        stack = new StunStack();
        stack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override
            public byte[] getLocalKey(String username) {
                return USER.equals(username) ? KEY : null;
            }

            @Override
            public byte[] getRemoteKey(String username, String media) {
                return USER.equals(username) ? KEY : null;
            }

            @Override
            public boolean checkLocalUserName(String username) {
                return USER.equals(username);
            }
        });
    }

    @AfterAll
    static void shutDown() {
        stack.shutDown();
    }

    static Stream<Case> cases() {
        InetSocketAddress v4 = StunCodecTest.address("198.51.100.20", 40001);
        InetSocketAddress v6 = StunCodecTest.address("2001:db8:85a3::8a2e:370:7334", 40002);
        InetSocketAddress relayed4 = StunCodecTest.address("203.0.113.5", 49999);
        InetSocketAddress relayed6 = StunCodecTest.address("2001:db8::5", 50001);
        Software software = new Software("landline test");
        List<StunAttribute> longTerm = List.of(new Username(USER), new Realm("landline"), new Nonce("obMatJos2gAAA42"));
        Data odd = new Data(Unpooled.wrappedBuffer("hello".getBytes(StandardCharsets.US_ASCII)));
        return Stream.of(
                new Case("Binding request (ICE check)", StunClass.REQUEST, StunMethod.BINDING, List.of(software,
                        new Priority(0x6e0001ffL), new IceControlling(0x932ff9b151263b36L), UseCandidate.INSTANCE,
                        new Username(USER)), true),
                new Case("Binding request from the controlled side", StunClass.REQUEST, StunMethod.BINDING, List.of(software,
                        new Priority(1), new IceControlled(-2L), new Username(USER)), true),
                new Case("Binding success IPv4", StunClass.SUCCESS_RESPONSE, StunMethod.BINDING,
                        List.of(software, new XorMappedAddress(v4)), true),
                new Case("Binding success IPv6", StunClass.SUCCESS_RESPONSE, StunMethod.BINDING,
                        List.of(software, new XorMappedAddress(v6)), true),
                new Case("Binding error 420", StunClass.ERROR_RESPONSE, StunMethod.BINDING, List.of(software,
                        new ErrorCode(420, "Unknown Attribute"), new UnknownAttributes(List.of(0x7001, 0x0031))), true),
                new Case("Allocate request", StunClass.REQUEST, StunMethod.ALLOCATE, concat(List.of(software,
                        new RequestedTransport(RequestedTransport.UDP), Lifetime.ofSeconds(3600)), longTerm), true),
                new Case("Allocate success IPv4", StunClass.SUCCESS_RESPONSE, StunMethod.ALLOCATE, List.of(software,
                        new XorRelayedAddress(relayed4), Lifetime.ofSeconds(600), new XorMappedAddress(v4)), true),
                new Case("Allocate success IPv6", StunClass.SUCCESS_RESPONSE, StunMethod.ALLOCATE, List.of(software,
                        new XorRelayedAddress(relayed6), Lifetime.ofSeconds(600), new XorMappedAddress(v6)), true),
                new Case("Allocate error 401", StunClass.ERROR_RESPONSE, StunMethod.ALLOCATE, List.of(software,
                        new ErrorCode(401, "Unauthenticated"), new Realm("landline"), new Nonce("obMatJos2gAAA42")), false),
                new Case("Refresh request", StunClass.REQUEST, StunMethod.REFRESH,
                        concat(List.of(software, Lifetime.ofSeconds(0)), longTerm), true),
                new Case("Refresh success", StunClass.SUCCESS_RESPONSE, StunMethod.REFRESH,
                        List.of(software, Lifetime.ofSeconds(0)), true),
                new Case("CreatePermission request IPv6", StunClass.REQUEST, StunMethod.CREATE_PERMISSION,
                        concat(List.of(software, new XorPeerAddress(v6)), longTerm), true),
                new Case("CreatePermission success", StunClass.SUCCESS_RESPONSE, StunMethod.CREATE_PERMISSION, List.of(software), true),
                new Case("ChannelBind request", StunClass.REQUEST, StunMethod.CHANNEL_BIND,
                        concat(List.of(software, new ChannelNumber(0x4001), new XorPeerAddress(v4)), longTerm), true),
                new Case("ChannelBind error 400", StunClass.ERROR_RESPONSE, StunMethod.CHANNEL_BIND,
                        List.of(software, new ErrorCode(400, "Bad Request")), true),
                new Case("Send indication", StunClass.INDICATION, StunMethod.SEND, List.of(software, new XorPeerAddress(v4), odd), false),
                new Case("Data indication IPv6", StunClass.INDICATION, StunMethod.DATA,
                        List.of(software, new XorPeerAddress(v6), odd), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oursDecodesInIce4jWithTheSameFieldsAndAValidIntegrity(Case c) throws Exception {
        byte[] ours = encodeOurs(c);
        // ice4j rejects a wrong FINGERPRINT while decoding
        Message decoded = Message.decode(ours, 0, ours.length);
        assertThat((int) decoded.getMessageType()).isEqualTo(StunHeader.messageType(c.messageClass(), c.method()));
        assertThat(decoded.getTransactionID()).isEqualTo(TX.toBytes());
        assertThat(fromIce4j(decoded)).containsExactlyElementsOf(c.attributes());
        assertThat(decoded.containsAttribute(Attribute.FINGERPRINT)).isTrue();
        if (c.integrity()) {
            MessageIntegrityAttribute mi = (MessageIntegrityAttribute) decoded.getAttribute(Attribute.MESSAGE_INTEGRITY);
            TransportAddress any = new TransportAddress("127.0.0.1", 3478, Transport.UDP);
            assertThat(stack.validateMessageIntegrity(mi, USER, false, RawMessage.build(ours, ours.length, any, any))).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ice4jDecodesInOursWithTheSameFieldsAndAValidIntegrity(Case c) throws Exception {
        byte[] theirs = encodeIce4j(c);
        ByteBuf buf = Hex.pooled(theirs);
        try {
            StunMessage m = new StunDecoder().decode(buf).orElseThrow();
            assertThat(m.messageClass()).isEqualTo(c.messageClass());
            assertThat(m.method()).isEqualTo(c.method());
            assertThat(m.transactionId()).isEqualTo(TX);
            assertThat(m.attributes().stream().filter(a -> !(a instanceof io.landline.protocol.stun.attribute.MessageIntegrity)
                    && !(a instanceof io.landline.protocol.stun.attribute.Fingerprint))).containsExactlyElementsOf(c.attributes());
            assertThat(m.offsets().hasFingerprint()).isTrue();
            assertThat(m.offsets().hasMessageIntegrity()).isEqualTo(c.integrity());
            if (c.integrity()) {
                assertThat(StunIntegrity.verifyMessageIntegrity(buf, m, KEY)).isTrue();
            }
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothEncodersWriteTheSameBytes(Case c) throws Exception {
        assertThat(encodeOurs(c)).isEqualTo(encodeIce4j(c));
    }

    private static byte[] encodeOurs(Case c) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            StunTrailer trailer = c.integrity() ? StunTrailer.messageIntegrity(KEY).withFingerprint() : StunTrailer.FINGERPRINT;
            StunWriter.encode(StunMessage.of(c.messageClass(), c.method(), TX, c.attributes()), trailer, out);
            return Hex.toArray(out);
        } finally {
            out.release();
        }
    }

    private static byte[] encodeIce4j(Case c) throws Exception {
        char type = (char) StunHeader.messageType(c.messageClass(), c.method());
        Message m = switch (c.messageClass()) {
            case REQUEST -> {
                var r = MessageFactory.createBindingRequest();
                r.setMessageType(type);
                yield r;
            }
            case INDICATION -> {
                var i = MessageFactory.createBindingIndication();
                i.setMessageType(type);
                yield i;
            }
            default -> {
                var r = MessageFactory.createCreatePermissionResponse();
                r.setMessageType(type);
                yield r;
            }
        };
        m.setTransactionID(TX.toBytes());
        for (StunAttribute a : c.attributes()) {
            m.putAttribute(toIce4j(a));
        }
        if (c.integrity()) {
            m.putAttribute(AttributeFactory.createMessageIntegrityAttribute(USER));
        }
        m.putAttribute(AttributeFactory.createFingerprintAttribute());
        return m.encode(stack);
    }

    private static Attribute toIce4j(StunAttribute a) throws Exception {
        byte[] tid = TX.toBytes();
        if (a instanceof Software s) {
            return AttributeFactory.createSoftwareAttribute(s.value().getBytes(StandardCharsets.UTF_8));
        } else if (a instanceof Username u) {
            return AttributeFactory.createUsernameAttribute(u.value());
        } else if (a instanceof Realm r) {
            return AttributeFactory.createRealmAttribute(r.value().getBytes(StandardCharsets.UTF_8));
        } else if (a instanceof Nonce n) {
            return AttributeFactory.createNonceAttribute(n.value().getBytes(StandardCharsets.UTF_8));
        } else if (a instanceof Priority p) {
            return AttributeFactory.createPriorityAttribute(p.value());
        } else if (a instanceof IceControlling i) {
            return AttributeFactory.createIceControllingAttribute(i.tieBreaker());
        } else if (a instanceof IceControlled i) {
            return AttributeFactory.createIceControlledAttribute(i.tieBreaker());
        } else if (a instanceof UseCandidate) {
            return AttributeFactory.createUseCandidateAttribute();
        } else if (a instanceof XorMappedAddress x) {
            return AttributeFactory.createXorMappedAddressAttribute(transport(x.address()), tid);
        } else if (a instanceof XorRelayedAddress x) {
            return AttributeFactory.createXorRelayedAddressAttribute(transport(x.address()), tid);
        } else if (a instanceof XorPeerAddress x) {
            return AttributeFactory.createXorPeerAddressAttribute(transport(x.address()), tid);
        } else if (a instanceof Lifetime l) {
            return AttributeFactory.createLifetimeAttribute((int) l.seconds());
        } else if (a instanceof RequestedTransport r) {
            return AttributeFactory.createRequestedTransportAttribute((byte) r.protocol());
        } else if (a instanceof ChannelNumber n) {
            return AttributeFactory.createChannelNumberAttribute((char) n.value());
        } else if (a instanceof Data d) {
            return AttributeFactory.createDataAttribute(Hex.toArray(d.content()));
        } else if (a instanceof ErrorCode e) {
            return AttributeFactory.createErrorCodeAttribute((char) e.code(), e.reason());
        } else if (a instanceof UnknownAttributes u) {
            UnknownAttributesAttribute attribute = AttributeFactory.createUnknownAttributesAttribute();
            u.types().forEach(t -> attribute.addAttributeID((char) (int) t));
            return attribute;
        }
        throw new IllegalArgumentException("no ice4j counterpart for " + a);
    }

    /** ice4j's attributes as our records; MESSAGE-INTEGRITY and FINGERPRINT are checked apart. */
    private static List<StunAttribute> fromIce4j(Message m) {
        byte[] tid = m.getTransactionID();
        List<StunAttribute> out = new ArrayList<>();
        for (Attribute a : m.getAttributes()) {
            if (a instanceof MessageIntegrityAttribute || a instanceof FingerprintAttribute) {
                continue;
            } else if (a instanceof SoftwareAttribute s) {
                out.add(new Software(new String(s.getSoftware(), StandardCharsets.UTF_8)));
            } else if (a instanceof UsernameAttribute u) {
                out.add(new Username(new String(u.getUsername(), StandardCharsets.UTF_8)));
            } else if (a instanceof RealmAttribute r) {
                out.add(new Realm(new String(r.getRealm(), StandardCharsets.UTF_8)));
            } else if (a instanceof NonceAttribute n) {
                out.add(new Nonce(new String(n.getNonce(), StandardCharsets.UTF_8)));
            } else if (a instanceof PriorityAttribute p) {
                out.add(new Priority(p.getPriority()));
            } else if (a instanceof IceControllingAttribute i) {
                out.add(new IceControlling(i.getTieBreaker()));
            } else if (a instanceof IceControlledAttribute i) {
                out.add(new IceControlled(i.getTieBreaker()));
            } else if (a instanceof UseCandidateAttribute) {
                out.add(UseCandidate.INSTANCE);
            } else if (a instanceof XorRelayedAddressAttribute x) {
                // before XOR-MAPPED-ADDRESS: ice4j derives the relayed and peer attributes from it
                out.add(new XorRelayedAddress(plain(x.getAddress(tid))));
            } else if (a instanceof XorPeerAddressAttribute x) {
                out.add(new XorPeerAddress(plain(x.getAddress(tid))));
            } else if (a instanceof XorMappedAddressAttribute x) {
                out.add(new XorMappedAddress(plain(x.getAddress(tid))));
            } else if (a instanceof LifetimeAttribute l) {
                out.add(Lifetime.ofSeconds(Integer.toUnsignedLong(l.getLifetime())));
            } else if (a instanceof RequestedTransportAttribute r) {
                out.add(new RequestedTransport(r.getRequestedTransport() & 0xFF));
            } else if (a instanceof ChannelNumberAttribute n) {
                out.add(new ChannelNumber(n.getChannelNumber()));
            } else if (a instanceof DataAttribute d) {
                out.add(new Data(Unpooled.wrappedBuffer(d.getData())));
            } else if (a instanceof ErrorCodeAttribute e) {
                out.add(new ErrorCode(e.getErrorCode(), e.getReasonPhrase()));
            } else if (a instanceof UnknownAttributesAttribute u) {
                List<Integer> types = new ArrayList<>();
                for (int i = 0; i < u.getAttributeCount(); i++) {
                    types.add((int) u.getAttribute(i));
                }
                out.add(new UnknownAttributes(types));
            } else {
                throw new AssertionError("unexpected ice4j attribute " + a.getName());
            }
        }
        return out;
    }

    private static TransportAddress transport(InetSocketAddress a) {
        return new TransportAddress(a.getAddress(), a.getPort(), Transport.UDP);
    }

    private static InetSocketAddress plain(TransportAddress a) {
        return new InetSocketAddress(a.getAddress(), a.getPort());
    }

    private static List<StunAttribute> concat(List<StunAttribute> a, List<StunAttribute> b) {
        List<StunAttribute> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
