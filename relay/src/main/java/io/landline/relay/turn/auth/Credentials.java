package io.landline.relay.turn.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Static users first, then TURN REST API credentials: the node's one {@link CredentialStore}. */
public final class Credentials implements CredentialStore {

    private final List<CredentialStore> stores;

    public Credentials(CredentialStore... stores) {
        this.stores = List.of(stores);
    }

    @Override
    public Optional<Credential> find(String username, Instant now) {
        for (CredentialStore store : stores) {
            Optional<Credential> found = store.find(username, now);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean acceptsAnyone() {
        return stores.stream().anyMatch(CredentialStore::acceptsAnyone);
    }
}
