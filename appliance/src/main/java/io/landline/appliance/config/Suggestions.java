package io.landline.appliance.config;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** "Did you mean" for a misspelt or misplaced key: only a close match is worth suggesting. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate nearest to {@code unknown} by edit distance (typos and swapped letters),
     * if near enough; else the one candidate with the same last segment (a key put in the
     * wrong section, {@code https.bus-port}); else nothing. Ties go to the earlier candidate.
     */
    static Optional<String> closest(String unknown, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(unknown, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best != null && bestDistance <= allowedDistance(unknown)) {
            return Optional.of(best);
        }
        String leaf = lastSegment(unknown);
        List<String> sameLeaf = candidates.stream().filter(c -> lastSegment(c).equals(leaf)).toList();
        return sameLeaf.size() == 1 ? Optional.of(sameLeaf.get(0)) : Optional.empty();
    }

    /** One edit per four characters, between one and three: "prot" gets one, "relay.turn.prots" three. */
    static int allowedDistance(String unknown) {
        return Math.max(1, Math.min(3, unknown.length() / 4));
    }

    /**
     * Damerau-Levenshtein distance in its optimal-string-alignment form: insertions,
     * deletions, substitutions and transpositions of neighbours each cost one.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String lastSegment(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }
}
