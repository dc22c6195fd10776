package io.landline.appliance.node;

import io.landline.device.DeviceRepository;
import io.landline.gateway.https.Version;
import io.landline.storage.Blocking;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/** What {@code GET /v1/node} (and so {@code landline status}) tells about a node. */
final class NodeStatus {

    private final LandlineNode node;

    NodeStatus(LandlineNode node) {
        this.node = node;
    }

    static String version() {
        return Version.current();
    }

    /** Built on an event loop; the device counts come from the database on a worker thread. */
    Future<JsonObject> json() {
        var config = node.config();
        JsonObject json = new JsonObject()
                .put("name", config.node().name())
                .put("version", version())
                .put("startedAt", node.startedAt().toString())
                .put("uptimeSeconds", Duration.between(node.startedAt(), Instant.now()).toSeconds())
                .put("ready", node.readiness().isReady())
                .put("checks", new JsonObject(new java.util.LinkedHashMap<>(node.readiness().states())))
                .put("listeners", new JsonObject()
                        .put("https", config.https().host() + ":" + config.https().port())
                        .put("admin", config.admin().host() + ":" + config.admin().port()))
                .put("cluster", new JsonObject()
                        .put("name", config.cluster().name())
                        .put("local", node.cluster().isJoined() ? node.cluster().localAddress() : null)
                        .put("members", new JsonArray(node.cluster().memberAddresses())));
        if (node.tls() != null) {
            json.put("tls", new JsonObject().put("engine", node.tls().engineName()));
        }
        if (node.database() == null) {
            return Future.succeededFuture(json);
        }
        json.put("storage", new JsonObject().put("vendor", node.database().vendor()).put("schema", node.database().schemaVersion()));
        DeviceRepository devices = DeviceRepository.jdbc(node.database().dataSource());
        return Blocking.offload(node.cluster().vertx(),
                        () -> new JsonObject().put("active", devices.countActive()).put("total", devices.count()))
                .map(counts -> json.put("devices", counts))
                .otherwise(json);
    }
}
