package io.landline.appliance.e2e;

import io.landline.appliance.node.TestNodeConfig;
import java.util.concurrent.TimeUnit;

/** {@code GET /3/notifications/{apns-id}} as a provider reads it. */
final class Receipts {

    private Receipts() {
    }

    /** The receipt's {@code status}, or {@code "unknown"} when the node answers 404. */
    static String status(Provider provider, TestNodeConfig node, String apnsId) throws Exception {
        return provider.client(node).receipt(apnsId).get(10, TimeUnit.SECONDS)
                .map(json -> json.get("status").asText()).orElse("unknown");
    }
}
