package io.landline.appliance.config;

import io.landline.cluster.ClusterSettings;
import io.landline.gateway.activation.ActivationSettings;
import io.landline.gateway.https.HttpsSettings;
import io.landline.gateway.mqtt.MqttSettings;
import io.landline.gateway.provider.ProviderApiSettings;
import io.landline.relay.RelaySettings;
import io.landline.storage.StorageSettings;
import io.landline.tls.TlsSettings;
import java.util.Objects;

/**
 * A node's whole configuration, validated: built only by {@link ConfigLoader}, so holding one
 * means every key passed its checks. Immutable; the settings records copy their lists.
 *
 * @param source what was loaded: the config file as given, or {@code embedded defaults}
 */
public record LandlineConfig(String source, NodeSettings node, HttpsSettings https, MqttSettings mqtt, TlsSettings tls,
                             AdminSettings admin, StorageSettings storage, ClusterSettings cluster,
                             RelaySettings relay, ActivationSettings activation, ProviderApiSettings providerApi) {

    /** {@link #source()} when no file was given. */
    public static final String EMBEDDED_DEFAULTS = "embedded defaults";

    public LandlineConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(https, "https");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(providerApi, "providerApi");
    }
}
