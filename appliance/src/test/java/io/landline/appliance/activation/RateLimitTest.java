package io.landline.appliance.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.landline.appliance.node.RunningNode;
import io.landline.client.device.DeviceIdentity;
import io.landline.client.device.DeviceKeyType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Per-address rate limit: a burst, then 429 with retry-after, then service again once a permit is back. */
class RateLimitTest {

    @RegisterExtension
    static final RunningNode NODE = new RunningNode("gateway:\n  activation:\n    rate: 1/s\n    burst: 3\n");

    @Test
    void burstThen429WithRetryAfterThenRecovery() throws Exception {
        Activations activations = new Activations(NODE.config());
        byte[] csr = DeviceIdentity.generate(DeviceKeyType.P256).certificationRequestPem().getBytes(StandardCharsets.US_ASCII);
        byte[] garbage = "garbage".getBytes(StandardCharsets.US_ASCII);

        // Refused requests count against the limit too: a flood of garbage is a flood.
        assertThat(activations.postCsr(garbage).statusCode()).isEqualTo(400);
        assertThat(activations.postCsr(csr).statusCode()).isEqualTo(201);
        assertThat(activations.postCsr(csr).statusCode()).isEqualTo(201);
        HttpResponse<String> limited = activations.postCsr(csr);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Activations.reason(limited)).isEqualTo("TooManyRequests");
        assertThat(limited.headers().firstValue("retry-after")).contains("1");
        assertThat(activations.metrics()).containsPattern("landline_activation_rate_limited_total [1-9]");
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> activations.postCsr(csr).statusCode() == 201);
    }
}
