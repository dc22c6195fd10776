package io.landline.relay.turn.auth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users configured as {@code name:password} (coturn's {@code user=} lines). */
public final class StaticUsers implements CredentialStore {

    private final Map<String, String> passwords;

    private StaticUsers(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /**
     * Parses {@code name:password} entries; the password may contain ':'. A malformed entry
     * throws {@link IllegalArgumentException} whose message completes "'ENTRY' ..." and never
     * repeats the password.
     */
    public static StaticUsers parse(List<String> entries) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("is not name:password (both non-empty)");
            }
            String name = entry.substring(0, colon);
            if (users.put(name, entry.substring(colon + 1)) != null) {
                throw new IllegalArgumentException("repeats the user '" + name + "'");
            }
        }
        return new StaticUsers(users);
    }

    @Override
    public Optional<Credential> find(String username, Instant now) {
        String password = passwords.get(username);
        return password == null ? Optional.empty() : Optional.of(new Credential(username, username, List.of(password)));
    }

    @Override
    public boolean acceptsAnyone() {
        return !passwords.isEmpty();
    }

    public int size() {
        return passwords.size();
    }
}
