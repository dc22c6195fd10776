package io.landline.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Flyway scripts on the classpath, so tests need no edit when a migration is added. */
final class Migrations {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9]+)__.+\\.sql");

    private Migrations() {
    }

    /** The version of the newest script, e.g. {@code "3"}. */
    static String newest() {
        return String.valueOf(versions().stream().mapToInt(Integer::intValue).max().orElseThrow());
    }

    /** How many versioned scripts there are. */
    static int count() {
        return versions().size();
    }

    private static List<Integer> versions() {
        try (Stream<Path> files = Files.list(Path.of(Migrations.class.getResource("/db/migration").toURI()))) {
            return files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
