package io.landline.appliance.cli;

import io.landline.gateway.https.Version;
import io.netty.handler.ssl.OpenSsl;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "version", description = "Print the version of Landline and of the platform it runs on.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("landline " + Version.current());
        spec.commandLine().getOut().println("java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + "), vert.x "
                + io.vertx.core.impl.VertxImpl.version() + ", hazelcast " + com.hazelcast.instance.BuildInfoProvider.getBuildInfo().getVersion()
                + ", tls " + (OpenSsl.isAvailable() ? OpenSsl.versionString() : "JDK only"));
        return 0;
    }
}
