package io.landline.notification;

import java.util.List;

/**
 * What storing one batch did besides inserting it.
 *
 * @param collapsed pending notifications replaced by a newer one with the same collapse id
 * @param overCap   oldest pending notifications dropped because a device exceeded its cap
 * @param reused    positions in the batch of notifications not stored because their apns-id is
 *                  already stored (or came earlier in the same batch); ascending
 */
public record StoreOutcome(int collapsed, int overCap, List<Integer> reused) {

    public static final StoreOutcome NONE = new StoreOutcome(0, 0, List.of());

    public StoreOutcome {
        reused = List.copyOf(reused);
    }
}
