package io.landline.gateway.provider.keys;

import io.landline.provider.ProviderKey;
import io.landline.provider.ProviderKeyRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider keys in force on this node: those declared in the configuration (fixed while
 * the node runs) and those stored in the database by {@code landline provider add} (shared by
 * the cluster, re-read by {@link #refresh()}). Lookups read an immutable snapshot, so event
 * loops never wait; {@link #add}, {@link #remove} and {@link #refresh} block on the database.
 */
public final class ProviderKeys {

    /** A key's identity: the team ({@code iss}) and key id ({@code kid}). */
    public record KeyRef(String team, String keyId) {
    }

    public enum Added { ADDED, ALREADY_EXISTS }

    public enum Removed { REMOVED, NOT_FOUND, DECLARED_IN_CONFIG }

    private final Map<KeyRef, ProviderKey> configured;
    private final ProviderKeyRepository stored;
    private volatile Map<KeyRef, ProviderKey> inForce;

    public ProviderKeys(List<ProviderKey> configured, ProviderKeyRepository stored) {
        Map<KeyRef, ProviderKey> byRef = new LinkedHashMap<>();
        for (ProviderKey key : configured) {
            byRef.put(new KeyRef(key.team(), key.keyId()), key);
        }
        this.configured = Map.copyOf(byRef);
        this.stored = Objects.requireNonNull(stored, "stored");
        this.inForce = this.configured;
    }

    /** The key a token names, if it is in force. Never blocks. */
    public Optional<ProviderKey> find(String team, String keyId) {
        return Optional.ofNullable(inForce.get(new KeyRef(team, keyId)));
    }

    /** Every key in force, config-declared ones first on a tie, ordered by team and key id. */
    public List<ProviderKey> list() {
        List<ProviderKey> all = new ArrayList<>(inForce.values());
        all.sort(Comparator.comparing(ProviderKey::team).thenComparing(ProviderKey::keyId).thenComparing(ProviderKey::origin));
        return all;
    }

    /** Re-reads the stored keys (blocks); config-declared keys win over a stored one with the same identity. */
    public void refresh() {
        Map<KeyRef, ProviderKey> next = new LinkedHashMap<>();
        for (ProviderKey key : stored.all()) {
            next.put(new KeyRef(key.team(), key.keyId()), key);
        }
        next.putAll(configured);
        inForce = Map.copyOf(next);
    }

    /** Stores a key added at run time (blocks). */
    public Added add(ProviderKey key) {
        if (configured.containsKey(new KeyRef(key.team(), key.keyId())) || !stored.insert(key)) {
            return Added.ALREADY_EXISTS;
        }
        refresh();
        return Added.ADDED;
    }

    /** Removes a key added at run time (blocks); config-declared keys are removed by editing the file. */
    public Removed remove(String team, String keyId) {
        if (configured.containsKey(new KeyRef(team, keyId))) {
            return Removed.DECLARED_IN_CONFIG;
        }
        boolean removed = stored.delete(team, keyId);
        refresh();
        return removed ? Removed.REMOVED : Removed.NOT_FOUND;
    }
}
