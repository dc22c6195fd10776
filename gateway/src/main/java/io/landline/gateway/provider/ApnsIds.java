package io.landline.gateway.provider;

import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Makes the {@code apns-id} of a push that brought none, as APNs does, in the time-ordered
 * form of RFC 9562 §5.7 (UUID version 7): the top 48 bits are the Unix time in milliseconds,
 * the other 74 free bits stay those of a {@link UUID#randomUUID()} (a strong random source, so
 * one team cannot guess another's ids and claim them first).
 * <p>
 * Why time-ordered: receipts and stored notifications are indexed by apns-id. Random ids land
 * at random places of that B-tree, so every group commit rewrites about one index page per row,
 * and the more receipts are kept, the more pages one commit touches; ids in time order append
 * at the end of the index, where one commit rewrites a few pages for thousands of rows.
 */
public final class ApnsIds {

    private static final long VERSION_7 = 0x7000L;

    private final LongSupplier epochMillis;

    /** @param epochMillis the clock, {@code System::currentTimeMillis} in production */
    public ApnsIds(LongSupplier epochMillis) {
        this.epochMillis = epochMillis;
    }

    /** A version 7 UUID for the current millisecond. */
    public UUID next() {
        UUID random = UUID.randomUUID();
        // unix_ts_ms (48) | ver (4) | rand_a (12); the variant and rand_b come with the random UUID
        long high = (epochMillis.getAsLong() << 16) | VERSION_7 | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, random.getLeastSignificantBits());
    }
}
