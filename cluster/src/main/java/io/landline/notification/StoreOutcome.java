package io.landline.notification;

/**
 * What storing one batch did besides inserting it.
 *
 * @param collapsed pending notifications replaced by a newer one with the same collapse id
 * @param overCap   oldest pending notifications dropped because a device exceeded its cap
 */
public record StoreOutcome(int collapsed, int overCap) {

    public static final StoreOutcome NONE = new StoreOutcome(0, 0);
}
