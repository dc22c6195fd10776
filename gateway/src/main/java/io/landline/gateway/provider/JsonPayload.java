package io.landline.gateway.provider;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.Optional;

/**
 * Checks a payload the way APNs needs it: not empty, within the size limit of its push type,
 * one JSON object and nothing after it. Streams the tokens without building a tree.
 */
public final class JsonPayload {

    /** Deep nesting costs stack, not bytes; no real payload nests this far. */
    private static final int MAX_DEPTH = 32;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private JsonPayload() {
    }

    /** Why {@code payload} cannot be sent, or empty when it can. */
    public static Optional<ApnsReason> problem(byte[] payload, int maxBytes) {
        if (payload.length == 0) {
            return Optional.of(ApnsReason.PayloadEmpty);
        }
        if (payload.length > maxBytes) {
            return Optional.of(ApnsReason.PayloadTooLarge);
        }
        try (JsonParser parser = FACTORY.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.of(ApnsReason.BadPayload);
            }
            parser.skipChildren();
            return parser.nextToken() == null ? Optional.empty() : Optional.of(ApnsReason.BadPayload);
        } catch (IOException | RuntimeException e) {
            return Optional.of(ApnsReason.BadPayload);
        }
    }
}
