package io.landline.appliance.e2e;

import io.landline.appliance.admin.AdminToken;
import io.landline.appliance.config.ConfigLoader;
import io.landline.appliance.node.Http;
import io.landline.appliance.node.LandlineNode;
import io.landline.appliance.node.TestNodeConfig;
import io.landline.appliance.systemd.SystemdNotifier;
import io.landline.client.device.ActivatedDevice;
import io.landline.client.device.Activation;
import io.landline.client.device.ActivationCredential;
import io.landline.client.device.DeviceConnection;
import io.landline.client.device.DeviceIdentity;
import io.landline.client.device.DeviceKeyType;
import io.landline.client.device.DeviceNotification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;

/** Starting test nodes with provider keys, and the device side: activation, connection, revocation. */
final class Nodes {

    private Nodes() {
    }

    /** Declares {@code providers} in the node's file. */
    static void declare(TestNodeConfig config, List<Provider> providers) {
        StringBuilder yaml = new StringBuilder("gateway:\n  providers:\n");
        providers.forEach(p -> yaml.append(p.yamlEntry()));
        config.addYaml(yaml.toString());
    }

    static LandlineNode start(TestNodeConfig config) throws Exception {
        return LandlineNode.start(ConfigLoader.load(Optional.of(config.file()), Map.of()), SystemdNotifier.fromEnvironment(Map.of()));
    }

    /** A device activated through the real activation API with the client SDK (open policy). */
    static ActivatedDevice activate(TestNodeConfig config) throws Exception {
        return Activation.to(URI.create("https://localhost:" + config.httpsPort()), config.caFile())
                .activate(DeviceIdentity.generate(DeviceKeyType.P256), ActivationCredential.none());
    }

    /** The device's MQTT 5 connection (Eclipse Paho) with every notification put in {@code inbox}. */
    static DeviceConnection connect(TestNodeConfig config, ActivatedDevice device, BlockingQueue<DeviceNotification> inbox) throws IOException {
        return DeviceConnection.open(device, "localhost", config.mqttPort(), inbox::add);
    }

    /** Revokes through the admin API, as {@code landline device revoke} does. */
    static HttpResponse<String> revoke(TestNodeConfig config, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.adminUrl("/v1/devices/" + token + "/revoke")))
                .timeout(Duration.ofSeconds(10))
                .header("authorization", "Bearer " + AdminToken.read(config.dataDir()))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static Path dataDir(TestNodeConfig config) {
        return config.dataDir();
    }

    static HttpClient https(TestNodeConfig config) throws Exception {
        return Http.trusting(config.caFile());
    }
}
