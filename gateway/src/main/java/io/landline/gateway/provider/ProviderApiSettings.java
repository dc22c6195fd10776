package io.landline.gateway.provider;

import io.landline.gateway.push.PushSettings;
import io.landline.provider.ProviderKey;
import java.util.List;
import java.util.Objects;

/**
 * The provider API's configuration ({@code gateway.providers}, {@code gateway.push.*}).
 *
 * @param providers     keys declared in the configuration file
 * @param teamRateLimit notifications per second per team; 0: no limit
 */
public record ProviderApiSettings(List<ProviderKey> providers, PushSettings push, int teamRateLimit) {

    public ProviderApiSettings {
        providers = List.copyOf(providers);
        Objects.requireNonNull(push, "push");
    }
}
