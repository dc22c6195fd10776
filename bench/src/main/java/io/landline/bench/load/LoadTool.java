package io.landline.bench.load;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -cp landline-bench.jar io.landline.bench.load.LoadTool <command>}: see each command's help. */
@Command(name = "landline-load", mixinStandardHelpOptions = true,
        description = "Load tool for Landline's device endpoint and provider API, and for Mosquitto beside them.",
        subcommands = {SignFleetCommand.class, ActivateFleetCommand.class, IdleCommand.class, DeliverCommand.class})
public final class LoadTool {

    public static void main(String[] args) {
        // Every connection is another device: Netty's client session cache (keyed by host and
        // port) would resume the previous device's TLS session, and so present its certificate.
        System.setProperty("io.netty.handler.ssl.openssl.sessionCacheClient", "false");
        System.exit(new CommandLine(new LoadTool()).execute(args));
    }
}
