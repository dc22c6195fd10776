package io.landline.bench.turn;

import picocli.CommandLine.Option;

/** The static long-term credentials both servers are configured with for a benchmark run. */
final class Credentials {

    @Option(names = "--user", description = "TURN username (default: ${DEFAULT-VALUE})", defaultValue = "bench")
    String user;

    @Option(names = "--password", description = "its password (default: ${DEFAULT-VALUE})", defaultValue = "bench-secret")
    String password;
}
