package io.landline.appliance.cli;

import io.landline.appliance.config.Durations;
import io.landline.client.jws.JwsSigner;
import io.landline.tls.Pem;
import io.landline.tls.TlsSetupException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "enrollment", description = "Enrollment tokens for the enrollment activation policy.",
        subcommands = {EnrollmentCommand.Token.class})
final class EnrollmentCommand extends CommandGroup {

    @Command(name = "token", description = "Sign a single-use enrollment token (a JWT) with the operator's private key and print it."
            + " Needs no running node: the node checks it with the public key in gateway.activation.enrollment-key.")
    static final class Token implements Callable<Integer> {

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The operator's PEM private key (P-256 or Ed25519).")
        Path key;

        @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "1h",
                description = "How long the token stays valid, e.g. 10m or 2d (default ${DEFAULT-VALUE}; the node refuses more than gateway.activation.enrollment-max-lifetime).")
        String expires;

        @Option(names = "--subject", paramLabel = "TEXT", description = "Whom the token enrolls (the sub claim), kept with the activation.")
        String subject;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Duration validFor;
            try {
                validFor = Durations.parse(expires);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--expires '" + expires + "' " + e.getMessage());
            }
            if (validFor.toSeconds() < 1) {
                throw new ParameterException(spec.commandLine(), "--expires must be at least 1s");
            }
            PrivateKey operatorKey;
            JwsSigner signer;
            try {
                operatorKey = Pem.readPrivateKey(key);
                signer = new JwsSigner(operatorKey);
            } catch (TlsSetupException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("landline: " + e.getMessage());
                return 1;
            }
            byte[] jti = new byte[16];
            new SecureRandom().nextBytes(jti);
            long now = Instant.now().getEpochSecond();
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iat", now);
            claims.put("exp", now + validFor.toSeconds());
            claims.put("jti", HexFormat.of().formatHex(jti));
            if (subject != null) {
                claims.put("sub", subject);
            }
            spec.commandLine().getOut().println(signer.sign(Map.of("typ", "JWT"), claims));
            return 0;
        }
    }
}
