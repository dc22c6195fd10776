package io.landline.relay.turn.auth;

import java.util.List;

/**
 * What the server knows about a USERNAME before checking the request's integrity: the
 * passwords that may have keyed it, newest first (one for a static user, one per REST secret
 * while secrets rotate), and the name quotas count under.
 *
 * @param username  the USERNAME exactly as sent, which the long-term key is derived from
 * @param quotaName the user for quotas: the static name, or the REST username's user part
 */
public record Credential(String username, String quotaName, List<String> passwords) {

    public Credential {
        passwords = List.copyOf(passwords);
    }

    /** Never the passwords: a credential may end up in a log line or an assertion message. */
    @Override
    public String toString() {
        return "Credential[" + username + ", " + passwords.size() + " candidate password(s)]";
    }
}
