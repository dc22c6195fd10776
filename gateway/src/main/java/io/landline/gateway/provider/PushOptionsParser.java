package io.landline.gateway.provider;

import io.landline.provider.ProviderKey;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads the {@code apns-*} headers of a push as APNs does ("Sending notification requests to
 * APNs", header table): each header checked in turn, the first problem answered with its
 * reason. Pure: no I/O, no clock.
 */
public final class PushOptionsParser {

    /** {@code apns-collapse-id} may not exceed 64 bytes. */
    public static final int MAX_COLLAPSE_ID_BYTES = 64;
    /** The push types APNs documents; a missing header means {@code alert}. */
    public static final Set<String> PUSH_TYPES = Set.of("alert", "background", "location", "voip", "complication",
            "fileprovider", "mdm", "liveactivity", "pushtotalk", "widgets", "controls");
    private static final Set<String> HEADERS = Set.of("apns-id", "apns-topic", "apns-push-type", "apns-priority",
            "apns-expiration", "apns-collapse-id");
    /** A UUID in its canonical 8-4-4-4-12 form, the only form APNs accepts for {@code apns-id}. */
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");

    /** The outcome: options, or the reason to refuse. */
    public sealed interface Parsed permits Valid, Refused {
    }

    public record Valid(PushOptions options) implements Parsed {
    }

    public record Refused(ApnsReason reason) implements Parsed {
    }

    private PushOptionsParser() {
    }

    /**
     * @param key       the verified key of the provider, whose topics bound {@code apns-topic}
     * @param newApnsId makes the id of a push that brought none
     */
    public static Parsed parse(MultiMap headers, ProviderKey key, Supplier<UUID> newApnsId) {
        for (String name : HEADERS) {
            if (headers.getAll(name).size() > 1) {
                return new Refused(ApnsReason.DuplicateHeaders);
            }
        }
        UUID apnsId;
        String id = headers.get("apns-id");
        if (id == null) {
            apnsId = newApnsId.get();
        } else if (UUID_TEXT.matcher(id).matches()) {
            apnsId = UUID.fromString(id);
        } else {
            return new Refused(ApnsReason.BadMessageId);
        }

        String topic = headers.get("apns-topic");
        if (topic == null || topic.isEmpty()) {
            // Like APNs with a certificate for one topic: a key with exactly one topic implies it.
            List<String> topics = key.topics();
            if (topics.size() != 1) {
                return new Refused(ApnsReason.MissingTopic);
            }
            topic = topics.get(0);
        } else if (!ProviderKey.TOPIC.matcher(topic).matches()) {
            return new Refused(ApnsReason.BadTopic);
        } else if (!key.allows(topic)) {
            return new Refused(ApnsReason.TopicDisallowed);
        }

        String pushType = headers.get("apns-push-type");
        if (pushType == null) {
            pushType = "alert";
        } else if (!PUSH_TYPES.contains(pushType)) {
            return new Refused(ApnsReason.InvalidPushType);
        }

        int priority;
        String p = headers.get("apns-priority");
        if (p == null) {
            priority = 10;
        } else if (p.equals("10") || p.equals("5") || p.equals("1")) {
            priority = Integer.parseInt(p);
        } else {
            return new Refused(ApnsReason.BadPriority);
        }

        Optional<Instant> expiration;
        String e = headers.get("apns-expiration");
        if (e == null) {
            expiration = Optional.empty();
        } else if (EPOCH_SECONDS.matcher(e).matches()) {
            // 0: deliver now or never; otherwise a UNIX epoch date in seconds
            expiration = Optional.of(Instant.ofEpochSecond(Long.parseLong(e)));
        } else {
            return new Refused(ApnsReason.BadExpirationDate);
        }

        Optional<String> collapseId;
        String c = headers.get("apns-collapse-id");
        if (c == null || c.isEmpty()) {
            collapseId = Optional.empty();
        } else if (c.getBytes(StandardCharsets.UTF_8).length > MAX_COLLAPSE_ID_BYTES) {
            return new Refused(ApnsReason.BadCollapseId);
        } else {
            collapseId = Optional.of(c);
        }
        return new Valid(new PushOptions(apnsId, topic, pushType, priority, expiration, collapseId));
    }
}
