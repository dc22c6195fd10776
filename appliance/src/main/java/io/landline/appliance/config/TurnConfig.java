package io.landline.appliance.config;

import io.landline.relay.TurnSettings;
import io.landline.relay.turn.auth.StaticUsers;
import io.landline.relay.turn.policy.Cidr;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the {@code relay.turn} keys beyond the ports, in the shipped file's order. */
final class TurnConfig {

    /** RFC 8489 §14.9: REALM is at most 127 characters; we keep it to printable ASCII without quotes. */
    private static final Pattern REALM = Pattern.compile("[\\x21\\x23-\\x7e]{1,127}");
    /** A TURN REST secret is any non-empty text without separators that would split an environment list. */
    private static final Pattern SECRET = Pattern.compile("[^,\\s]{8,}");

    /** A longer pause would eat into the 1 ms a relayed packet may be delayed (docs/design.md). */
    private static final Duration MAX_COALESCING = Duration.ofMillis(1);

    private TurnConfig() {
    }

    static TurnSettings read(SettingReader r) {
        String realm = r.checked("relay.turn.realm", t -> REALM.matcher(t).matches(),
                "is not a realm (1-127 printable ASCII characters, no spaces or quotes)");
        String host = r.host("relay.turn.host");
        List<String> users = r.list("relay.turn.users", TurnConfig::user);
        try {
            StaticUsers.parse(users);
        } catch (IllegalArgumentException e) {
            throw r.setting("relay.turn.users").invalid(e.getMessage());
        }
        List<String> secrets = r.list("relay.turn.rest-secrets", TurnConfig::secret);
        List<Cidr> allowed = r.list("relay.turn.allowed-peers", Cidr::parse);
        Optional<InetAddress> relayAddress = address(r, "relay.turn.relay-address", Inet4Address.class, "an IPv4");
        Optional<InetAddress> relayAddressV6 = address(r, "relay.turn.relay-address-v6", Inet6Address.class, "an IPv6");
        Optional<InetAddress> external = address(r, "relay.turn.external-ip", Inet4Address.class, "an IPv4");
        return new TurnSettings(realm, host, users, secrets, allowed, relayAddress, relayAddressV6, external,
                r.duration("relay.turn.nonce-lifetime"),
                r.intBetween("relay.turn.max-allocations", 1, 1_000_000),
                r.intBetween("relay.turn.user-quota", 1, 1_000_000),
                r.intBetween("relay.turn.requests-per-second", 0, 1_000_000),
                r.intBetween("relay.turn.allocation-bandwidth", 0, 100_000_000),
                r.durationBetween("relay.turn.receive-coalescing", Duration.ZERO, MAX_COALESCING));
    }

    /** {@code name:password}, checked by the parser the relay uses; the message never repeats the entry's password. */
    private static String user(String entry) {
        StaticUsers.parse(List.of(entry));
        return entry;
    }

    private static String secret(String text) {
        if (!SECRET.matcher(text).matches()) {
            throw new IllegalArgumentException("is not a usable secret (at least 8 characters, no spaces or commas)");
        }
        return text;
    }

    private static Optional<InetAddress> address(SettingReader r, String key, Class<? extends InetAddress> family, String what) {
        String text = r.checked(key, t -> t.isBlank() || isLiteral(t.trim(), family), "is not " + what + " address");
        if (text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Cidr.parse(text.trim()).network());
    }

    private static boolean isLiteral(String text, Class<? extends InetAddress> family) {
        try {
            Cidr cidr = Cidr.parse(text);
            boolean v4 = cidr.network().getAddress().length == 4;
            return !text.contains("/") && (family == Inet4Address.class) == v4;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
