package io.landline.appliance.config;

import io.landline.net.PortRange;
import java.util.ArrayList;
import java.util.List;

/** Checks between keys, after each key passed its own: TLS files come in pairs, and no two listeners share a port. */
final class CrossKeyChecks {

    private CrossKeyChecks() {
    }

    static void check(ConfigTree tree, LandlineConfig config) {
        tlsPair(tree, config);
        portConflicts(tree, config);
    }

    /** A certificate is useless without its key and the other way round; half a pair is a typo or a lost line. */
    private static void tlsPair(ConfigTree tree, LandlineConfig config) {
        boolean certificate = config.tls().certificate().isPresent();
        boolean key = config.tls().key().isPresent();
        if (certificate && !key) {
            throw tree.get("tls.certificate").invalid("is set but tls.key is empty; set both or neither");
        }
        if (key && !certificate) {
            throw tree.get("tls.key").invalid("is set but tls.certificate is empty; set both or neither");
        }
    }

    /** One port or range a listener binds, with the key that set it. */
    private record Claim(Setting setting, PortRange ports) {
    }

    /**
     * Every listener of a node binds on all of these at once, so any overlap within one
     * protocol fails at start; TURN's listening ports are both UDP and TCP.
     */
    private static void portConflicts(ConfigTree tree, LandlineConfig config) {
        List<Claim> tcp = new ArrayList<>();
        tcp.add(new Claim(tree.get("https.port"), PortRange.single(config.https().port())));
        tcp.add(new Claim(tree.get("gateway.mqtt.port"), PortRange.single(config.mqtt().port())));
        tcp.add(new Claim(tree.get("admin.port"), PortRange.single(config.admin().port())));
        tcp.add(new Claim(tree.get("cluster.port"), PortRange.single(config.cluster().port())));
        tcp.add(new Claim(tree.get("cluster.bus-port"), PortRange.single(config.cluster().busPort())));
        tcp.add(new Claim(tree.get("relay.turn.ports"), config.relay().turnPorts()));
        tcp.add(new Claim(tree.get("relay.turn.tls-port"), PortRange.single(config.relay().turnTlsPort())));
        firstOverlap("TCP", tcp);

        List<Claim> udp = new ArrayList<>();
        udp.add(new Claim(tree.get("relay.turn.ports"), config.relay().turnPorts()));
        udp.add(new Claim(tree.get("relay.turn.relay-ports"), config.relay().relayPorts()));
        udp.add(new Claim(tree.get("relay.media.ports"), config.relay().mediaPorts()));
        firstOverlap("UDP", udp);
    }

    private static void firstOverlap(String protocol, List<Claim> claims) {
        for (int i = 0; i < claims.size(); i++) {
            for (int j = i + 1; j < claims.size(); j++) {
                if (claims.get(i).ports().overlaps(claims.get(j).ports())) {
                    throw overlap(protocol, claims.get(i), claims.get(j));
                }
            }
        }
    }

    /**
     * Blames the later key, unless only the earlier one was changed from the defaults: the
     * operator's change is what made the clash, so the message names the layer that holds it.
     */
    private static ConfigException overlap(String protocol, Claim earlier, Claim later) {
        boolean blameEarlier = later.setting().origin().isDefaults() && !earlier.setting().origin().isDefaults();
        Claim blamed = blameEarlier ? earlier : later;
        Claim other = blameEarlier ? later : earlier;
        String elsewhere = other.setting().origin().equals(blamed.setting().origin())
                ? "" : "; '" + other.setting().key() + "' from " + other.setting().origin().describe();
        return blamed.setting().invalid("overlaps key '" + other.setting().key() + "': '" + other.setting().shown()
                + "' (both " + protocol + elsewhere + ")");
    }
}
