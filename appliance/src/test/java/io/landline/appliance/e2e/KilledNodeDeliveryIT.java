package io.landline.appliance.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.client.device.ActivatedDevice;
import io.landline.client.device.Activation;
import io.landline.client.device.ActivationCredential;
import io.landline.client.device.DeviceConnection;
import io.landline.client.device.DeviceIdentity;
import io.landline.client.device.DeviceKeyType;
import io.landline.client.device.DeviceNotification;
import io.landline.client.provider.ProviderClient;
import io.landline.client.provider.ProviderToken;
import io.landline.client.provider.PushRequest;
import io.landline.testkit.NodePorts;
import io.landline.testkit.NodeProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 is a promise that survives the process: a node killed with SIGKILL right after
 * answering 200 delivers the notification once it is started again.
 */
class KilledNodeDeliveryIT {

    @TempDir
    Path dir;

    @Test
    void notificationAnswered200IsDeliveredAfterTheNodeIsKilledWithSigkillAndRestarted() throws Exception {
        NodePorts ports = NodePorts.free();
        Provider provider = Provider.create(dir, "TEAMK00001", "KEYK000001", "com.k.app");
        Map<String, String> env = ports.environment("kill-" + ports.cluster());
        Path config = Files.writeString(dir.resolve("landline.yaml"), "gateway:\n  providers:\n" + provider.yamlEntry());
        List<String> start = List.of("start", "--config", config.toString());
        Path work = dir.resolve("node");
        URI https = URI.create("https://localhost:" + ports.https());
        Path ca = work.resolve("var/tls/ca.pem");
        ProviderClient client;
        ActivatedDevice device;
        String apnsId;

        try (NodeProcess node = NodeProcess.start(work, start, env)) {
            assertThat(node.awaitReady(ports.admin(), Duration.ofSeconds(90))).as("log:%n%s", node.log()).isTrue();
            device = Activation.to(https, ca).activate(DeviceIdentity.generate(DeviceKeyType.P256), ActivationCredential.none());
            client = new ProviderClient(https, Optional.of(ca), new ProviderToken(provider.team(), provider.keyId(), provider.keys().getPrivate(), Clock.systemUTC()));
            var answer = client.send(PushRequest.alert(device.token(), "com.k.app", "{\"aps\":{\"alert\":\"survive\"}}")
                    .withExpiration(Instant.now().plus(Duration.ofHours(1)))).get(10, TimeUnit.SECONDS);
            assertThat(answer.status()).as("%s", answer.reason()).isEqualTo(200);
            apnsId = answer.apnsId();

            node.process().destroyForcibly(); // SIGKILL: no drain, no clean shutdown of the database
            assertThat(node.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(node.process().exitValue()).isEqualTo(137);
        }

        try (NodeProcess again = NodeProcess.start(work, start, env)) {
            assertThat(again.awaitReady(ports.admin(), Duration.ofSeconds(90))).as("log:%n%s", again.log()).isTrue();
            LinkedBlockingQueue<DeviceNotification> inbox = new LinkedBlockingQueue<>();
            try (DeviceConnection connection = DeviceConnection.open(device, "localhost", ports.mqtt(), inbox::add)) {
                DeviceNotification received = inbox.poll(15, TimeUnit.SECONDS);
                assertThat(received).as("delivered after the restart; log:%n%s", again.log()).isNotNull();
                assertThat(received.apnsId()).isEqualTo(apnsId);
                assertThat(received.payloadText()).isEqualTo("{\"aps\":{\"alert\":\"survive\"}}");
            }
            assertThat(again.terminate(Duration.ofSeconds(10))).isZero();
        }
    }
}
