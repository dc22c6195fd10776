package io.landline.appliance.node;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The node's one meter registry, scraped at {@code /metrics}: JVM and process meters,
 * Vert.x's own (event loops, HTTP servers, event bus, pools), and every service's.
 */
public final class NodeMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public NodeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Enables Vert.x metrics on {@code options}, recorded into this registry. */
    public VertxOptions enableVertxMetrics(VertxOptions options) {
        MicrometerMetricsOptions vertxMetrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false);
        // The local address tells the HTTPS, admin and event bus servers apart in every series.
        vertxMetrics.addLabels(Label.LOCAL);
        return options.setMetricsOptions(vertxMetrics);
    }

    public VertxBuilder withVertxMetrics(VertxBuilder builder) {
        return builder.withMetrics(new MicrometerMetricsFactory(registry));
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
