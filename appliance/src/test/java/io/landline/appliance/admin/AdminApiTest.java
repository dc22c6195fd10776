package io.landline.appliance.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.appliance.Landline;
import io.landline.appliance.node.Http;
import io.landline.appliance.node.RunningNode;
import io.landline.appliance.node.TestNodeConfig;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdminApiTest {

    @RegisterExtension
    static final RunningNode NODE = new RunningNode();
    static TestNodeConfig config;

    @BeforeAll
    static void config() {
        config = NODE.config();
    }

    @Test
    void liveAnswers200() throws Exception {
        assertThat(Http.get(config.adminUrl("/health/live")).statusCode()).isEqualTo(200);
    }

    @Test
    void readyOnceEveryListenerIsBoundAndTheClusterJoined() throws Exception {
        HttpResponse<String> ready = Http.get(config.adminUrl("/health/ready"));
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(ready.body());
        assertThat(body.getString("status")).isEqualTo("ready");
        assertThat(body.getJsonObject("checks").getMap()).containsOnlyKeys("storage", "cluster", "https", "admin", "relay")
                .allSatisfy((k, v) -> assertThat(v).isEqualTo(true));
    }

    @Test
    void metricsHaveJvmVertxHazelcastAndLandlineLines() throws Exception {
        // Make sure the HTTPS server has metrics to show.
        Http.trusting(config.caFile()).send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(config.httpsUrl("/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = Http.get(config.adminUrl("/metrics"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("jvm_memory_used_bytes", "jvm_gc_", "process_cpu_usage", "process_files_open_files")
                .contains("vertx_http_server_", "vertx_pool_")
                .contains("hazelcast_cluster_members 1.0", "hazelcast_cluster_safe 1.0", "hazelcast_partitions_owned")
                .contains("landline_https_connection_errors_total", "landline_admin_unauthorized_total")
                .contains("hikaricp_connections_active");
    }

    @Test
    void operatorCallWithoutTokenIsRefusedWith401() throws Exception {
        HttpResponse<String> response = Http.get(config.adminUrl("/v1/node"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(response.body()).getString("reason")).isEqualTo("Unauthorized");
        assertThat(response.headers().firstValue("www-authenticate")).isPresent();
        assertThat(response.body()).doesNotContain("members");
    }

    @Test
    void operatorCallWithWrongTokenIsRefusedWith401() throws Exception {
        String token = AdminToken.read(config.dataDir());
        String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        assertThat(Http.get(config.adminUrl("/v1/node"), "authorization", "Bearer " + wrong).statusCode()).isEqualTo(401);
        assertThat(Http.get(config.adminUrl("/v1/node"), "authorization", "Bearer " + token.substring(1)).statusCode()).isEqualTo(401);
        assertThat(Http.get(config.adminUrl("/v1/node"), "authorization", token).statusCode()).isEqualTo(401);
    }

    @Test
    void operatorCallWithTheTokenGetsNodeStatus() throws Exception {
        HttpResponse<String> response = Http.get(config.adminUrl("/v1/node"), "authorization", "Bearer " + AdminToken.read(config.dataDir()));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject status = new JsonObject(response.body());
        assertThat(status.getString("name")).isEqualTo("test-node");
        assertThat(status.getBoolean("ready")).isTrue();
        assertThat(status.getJsonObject("cluster").getJsonArray("members")).containsExactly("127.0.0.1:" + config.clusterPort());
        assertThat(status.getJsonObject("storage").getString("vendor")).isEqualTo("H2");
        assertThat(status.getJsonObject("devices").getLong("total")).isZero();
    }

    @Test
    void adminTokenFileIsReadableByItsOwnerOnly() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(AdminToken.file(config.dataDir())))).isEqualTo("rw-------");
    }

    @Test
    void statusCommandTalksToTheRunningNode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true));
            code = Landline.run("status", "--config", config.file().toString());
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        assertThat(out.toString()).contains("node test-node").contains("ready").contains("127.0.0.1:" + config.clusterPort());
    }

    @Test
    void unknownAdminPathIs404Json() throws Exception {
        HttpResponse<String> response = Http.get(config.adminUrl("/nope"));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getString("reason")).isEqualTo("NotFound");
    }
}
