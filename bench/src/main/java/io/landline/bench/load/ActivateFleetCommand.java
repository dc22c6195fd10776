package io.landline.bench.load;

import io.landline.client.device.ActivatedDevice;
import io.landline.client.device.Activation;
import io.landline.client.device.ActivationCredential;
import io.landline.client.device.DeviceIdentity;
import io.landline.client.device.DeviceKeyType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Makes a fleet the way real devices join: each device generates its key pair and activates
 * through {@code POST /v1/activate} (the client SDK), several activations in parallel. The
 * node must allow the rate ({@code gateway.activation.rate}/{@code burst}). The fleet file is
 * the one {@code sign-fleet} writes, so the same devices also connect to Mosquitto when its
 * cafile is the node's CA.
 */
@Command(name = "activate-fleet", mixinStandardHelpOptions = true,
        description = "Activate N P-256 devices through a node's activation API, in parallel, into a fleet file.")
final class ActivateFleetCommand implements Callable<Integer> {

    @Option(names = "--api", required = true, description = "the node's HTTPS base, e.g. https://127.0.0.1:8443")
    URI api;

    @Option(names = "--ca", required = true, description = "PEM CA that signed the node's server certificate")
    Path ca;

    @Option(names = {"-n", "--count"}, required = true)
    int count;

    @Option(names = "--parallel", defaultValue = "16", description = "activations in flight at once")
    int parallel;

    @Option(names = "--out", required = true, description = "fleet file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        Activation activation = Activation.to(api, ca);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long t0 = System.nanoTime();
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        try (Fleet.Writer writer = new Fleet.Writer(out)) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < parallel; w++) {
                running.add(workers.submit(() -> {
                    CertificateFactory certificates = CertificateFactory.getInstance("X.509");
                    while (next.getAndIncrement() < count) {
                        try {
                            DeviceIdentity identity = DeviceIdentity.generate(DeviceKeyType.P256);
                            ActivatedDevice device = activation.activate(identity, ActivationCredential.none());
                            X509Certificate certificate = (X509Certificate) certificates.generateCertificate(
                                    new ByteArrayInputStream(device.certificatePem().getBytes(StandardCharsets.US_ASCII)));
                            writer.add(device.token(), device.privateKey(), certificate);
                        } catch (Exception e) {
                            if (failed.getAndIncrement() == 0) {
                                System.err.println("activation failed: " + e);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("activated %d devices (%d failed) in %.1f s, %.0f/s, into %s%n",
                count - failed.get(), failed.get(), seconds, (count - failed.get()) / seconds, out);
        return failed.get() == 0 ? 0 : 1;
    }
}
