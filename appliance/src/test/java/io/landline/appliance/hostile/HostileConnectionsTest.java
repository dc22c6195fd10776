package io.landline.appliance.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.appliance.node.Http;
import io.landline.appliance.node.RunningNode;
import io.landline.appliance.node.TestNodeConfig;
import io.landline.testkit.TlsClientHello;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every listener refuses what it does not understand without harm: after each hostile
 * client the node still answers a well-behaved one and stays ready.
 */
class HostileConnectionsTest {

    @RegisterExtension
    static final RunningNode NODE = new RunningNode();
    static TestNodeConfig config;
    static HttpClient goodClient;

    @BeforeAll
    static void clients() throws Exception {
        config = NODE.config();
        goodClient = Http.trusting(config.caFile());
    }

    @Test
    void plainHttpOnTheHttpsPortIsDroppedAndCounted() throws Exception {
        double before = counter("landline_https_connection_errors_total{kind=\"tls\"}");
        byte[] answer = exchange(config.httpsPort(), "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        // No HTTP answer in clear text: the TLS layer either closes or sends a TLS alert record.
        assertThat(new String(answer, StandardCharsets.US_ASCII)).doesNotContain("HTTP/1.1");
        assertStillServing();
        assertThat(counter("landline_https_connection_errors_total{kind=\"tls\"}")).isGreaterThan(before);
    }

    @Test
    void tls10ClientHelloIsRefusedWithAnAlertOrClose() throws Exception {
        for (int version : new int[] {TlsClientHello.SSL_3_0, TlsClientHello.TLS_1_0, TlsClientHello.TLS_1_1}) {
            byte[] answer = exchange(config.httpsPort(), TlsClientHello.legacy(version));
            if (answer.length > 0) {
                assertThat(answer[0]).as("first record of the answer to version 0x%x", version).isEqualTo((byte) TlsClientHello.CONTENT_TYPE_ALERT);
            }
        }
        assertStillServing();
    }

    @Test
    void garbageBytesOnTheHttpsPortAreDropped() throws Exception {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        // A plausible TLS 1.0 handshake record header (type 22, version 3.1, 256 bytes), then nonsense.
        garbage[0] = 0x16;
        garbage[1] = 0x03;
        garbage[2] = 0x01;
        garbage[3] = 0x01;
        garbage[4] = 0x00;
        exchange(config.httpsPort(), garbage);
        assertStillServing();
    }

    @Test
    void portScanOfEveryListenerLeavesTheNodeReady() throws Exception {
        List<Integer> ports = List.of(config.httpsPort(), config.mqttPort(), config.adminPort(), config.clusterPort(), config.busPort());
        for (int round = 0; round < 50; round++) {
            for (int port : ports) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    if (round % 2 == 0) {
                        s.setSoLinger(true, 0); // RST instead of FIN, as SYN scanners leave it
                    }
                }
            }
        }
        // Half-open connections that never speak, held while the node keeps serving.
        List<Socket> idle = new ArrayList<>();
        try {
            for (int port : ports) {
                for (int i = 0; i < 20; i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    idle.add(s);
                }
            }
            assertStillServing();
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        HttpResponse<String> ready = Http.get(config.adminUrl("/health/ready"));
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(counter("hazelcast_cluster_members")).isEqualTo(1.0);
    }

    @Test
    void garbageOnTheClusterPortsLeavesTheClusterUp() throws Exception {
        byte[] huge = {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'H', 'Z', 'C', 0};
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int port : new int[] {config.clusterPort(), config.busPort()}) {
            for (byte[] bytes : new byte[][] {huge, http}) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                    s.getOutputStream().write(bytes);
                    s.getOutputStream().flush();
                }
            }
        }
        assertStillServing();
        assertThat(counter("hazelcast_cluster_members")).isEqualTo(1.0);
        assertThat(counter("hazelcast_cluster_safe")).isEqualTo(1.0);
    }

    @Test
    void oversizedAdminRequestLineIsRefused() throws Exception {
        String path = "/" + "a".repeat(8000);
        byte[] answer = exchange(config.adminPort(), ("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(answer, StandardCharsets.US_ASCII)).matches("(?s)HTTP/1\\.[01] 414 .*");
        assertStillServing();
    }

    @Test
    void unknownHttpsPathIs404WithAReason() throws Exception {
        HttpResponse<String> response = goodClient.send(HttpRequest.newBuilder(URI.create(config.httpsUrl("/no/such/thing"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new JsonObject(response.body()).getString("reason")).isEqualTo("NotFound");
    }

    private static void assertStillServing() throws Exception {
        HttpResponse<String> response = goodClient.send(HttpRequest.newBuilder(URI.create(config.httpsUrl("/"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(Http.get(config.adminUrl("/health/ready")).statusCode()).isEqualTo(200);
    }

    /** Sends {@code bytes} on a fresh connection and returns whatever comes back before the server closes (or 5 s pass). */
    static byte[] exchange(int port, byte[] bytes) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(5));
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    answer.write(buf, 0, n);
                }
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("server neither answered nor closed within 5 s; got " + answer.size() + " bytes", e);
            } catch (java.net.SocketException e) {
                // reset by the server: refused, which is what we want
            }
            return answer.toByteArray();
        }
    }

    private static double counter(String series) throws Exception {
        for (String line : Http.get(config.adminUrl("/metrics")).body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }
}
