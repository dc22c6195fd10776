package io.landline.gateway.activation;

import io.landline.invite.InviteCode;
import io.landline.invite.InviteRepository;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** The invite policy: header {@code landline-invite} carries a code minted by the operator, spent by the activation. */
final class InviteAdmission implements Admission {

    static final String HEADER = "landline-invite";

    private final InviteRepository invites;
    private final ActivationMetrics metrics;

    InviteAdmission(InviteRepository invites, ActivationMetrics metrics) {
        this.invites = invites;
        this.metrics = metrics;
    }

    @Override
    public Credential credential(UnaryOperator<String> header) throws ActivationRefused {
        String text = header.apply(HEADER);
        if (text == null || text.isBlank()) {
            throw Refusal.INVITE_REQUIRED.because("no " + HEADER + " header");
        }
        return new Credential.Invite(text);
    }

    @Override
    public Pass verify(Credential credential, Instant now) throws ActivationRefused {
        if (!(credential instanceof Credential.Invite invite)) {
            throw Refusal.INVITE_REQUIRED.because("no invite");
        }
        InviteCode code = InviteCode.parse(invite.text())
                .orElseThrow(() -> Refusal.INVITE_INVALID.because("not an invite code"));
        return (device, at) -> {
            switch (invites.redeem(code.hash(), device, at)) {
                case REDEEMED -> metrics.inviteRedeemed();
                case UNKNOWN -> throw Refusal.INVITE_INVALID.because("unknown code");
                case USED -> throw Refusal.INVITE_USED.because("code already redeemed");
                case EXPIRED -> throw Refusal.INVITE_EXPIRED.because("code expired");
            }
        };
    }
}
