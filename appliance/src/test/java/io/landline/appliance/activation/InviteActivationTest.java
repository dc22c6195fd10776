package io.landline.appliance.activation;

import static org.assertj.core.api.Assertions.assertThat;

import io.landline.appliance.cli.CliRun;
import io.landline.appliance.node.RunningNode;
import io.landline.client.device.Activation;
import io.landline.client.device.ActivationCredential;
import io.landline.client.device.DeviceIdentity;
import io.landline.client.device.DeviceKeyType;
import io.landline.invite.Invite;
import io.landline.invite.InviteCode;
import io.landline.invite.InviteRepository;
import io.landline.storage.Blocking;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node under the invite policy: codes minted by the CLI, each good for exactly one activation. */
class InviteActivationTest {

    @RegisterExtension
    static final RunningNode NODE = new RunningNode("gateway:\n  activation:\n    policy: invite\n    rate: 100/s\n    burst: 100\n");
    static Activations activations;

    @BeforeAll
    static void client() throws Exception {
        activations = new Activations(NODE.config());
    }

    private static byte[] csr() {
        return DeviceIdentity.generate(DeviceKeyType.P256).certificationRequestPem().getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> mint(int count) {
        CliRun run = activations.cli("invite", "create", "--count", String.valueOf(count), "--expires", "1h");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains(count + " invite code(s)");
        return run.out().lines().toList();
    }

    @Test
    void inviteCreatePrintsCodesThatActivateOnceEach() throws Exception {
        List<String> codes = mint(3);

        assertThat(codes).hasSize(3).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-7]{8}(-[a-z2-7]{8}){3}"));
        for (String code : codes) {
            assertThat(Activation.to(URI.create(NODE.config().httpsUrl("/")), NODE.config().caFile())
                    .activate(DeviceIdentity.generate(DeviceKeyType.ED25519), ActivationCredential.invite(code)).token())
                    .matches("[0-9a-f]{64}");
        }
        assertThat(activations.metrics()).containsPattern("landline_activation_invites_minted_total [3-9]")
                .containsPattern("landline_activation_invites_redeemed_total [3-9]");
    }

    @Test
    void missingUnknownMalformedReusedAndExpiredInvitesAreRefused403() throws Exception {
        String code = mint(1).get(0);
        assertThat(activations.postCsr(csr(), "landline-invite", code).statusCode()).isEqualTo(201);
        InviteCode expired = InviteCode.random(new SecureRandom());
        Instant now = Instant.now();
        Blocking.offload(NODE.vertx(), () -> {
            InviteRepository.jdbc(NODE.dataSource()).insertAll(List.of(Invite.minted(expired, now.minusSeconds(7200), now.minusSeconds(1))));
            return null;
        }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertRefused(activations.postCsr(csr()), "InviteRequired");
        assertRefused(activations.postCsr(csr(), "landline-invite", " "), "InviteRequired");
        assertRefused(activations.postCsr(csr(), "landline-invite", "' OR 1=1 --"), "InviteInvalid");
        assertRefused(activations.postCsr(csr(), "landline-invite", "x".repeat(4000)), "InviteInvalid");
        assertRefused(activations.postCsr(csr(), "landline-invite", InviteCode.random(new SecureRandom()).text()), "InviteInvalid");
        assertRefused(activations.postCsr(csr(), "landline-invite", code), "InviteUsed");
        assertRefused(activations.postCsr(csr(), "landline-invite", code.toUpperCase().replace("-", "")), "InviteUsed");
        assertRefused(activations.postCsr(csr(), "landline-invite", expired.text()), "InviteExpired");

        assertThat(activations.postCsr(csr(), "landline-invite", mint(1).get(0)).statusCode()).isEqualTo(201);
    }

    @Test
    void aBadRequestDoesNotSpendTheInvite() throws Exception {
        String code = mint(1).get(0);

        HttpResponse<String> bad = activations.postCsr("garbage".getBytes(StandardCharsets.US_ASCII), "landline-invite", code);
        assertThat(bad.statusCode()).isEqualTo(400);

        assertThat(activations.postCsr(csr(), "landline-invite", code).statusCode()).isEqualTo(201);
    }

    @Test
    void twoConcurrentActivationsWithOneCodeHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 5; round++) {
            String code = mint(1).get(0);
            byte[] first = csr();
            byte[] second = csr();

            CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> post(first, code));
            CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> post(second, code));

            List<Integer> statuses = List.of(a.get(20, TimeUnit.SECONDS).statusCode(), b.get(20, TimeUnit.SECONDS).statusCode());
            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 403);
            HttpResponse<String> loser = a.get().statusCode() == 403 ? a.get() : b.get();
            assertThat(Activations.reason(loser)).isEqualTo("InviteUsed");
        }
    }

    @Test
    void inviteCreateRefusesABadExpiryAsAUsageError() {
        CliRun run = activations.cli("invite", "create", "--expires", "a week");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--expires 'a week' is not a duration");
    }

    private static HttpResponse<String> post(byte[] csr, String code) {
        try {
            return activations.postCsr(csr, "landline-invite", code);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(Activations.reason(response)).isEqualTo(reason);
    }
}
