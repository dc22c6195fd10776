package io.landline.appliance.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDefaultsTest {

    @TempDir
    Path dir;

    @Test
    void noFileAndNoEnvironmentGiveTheDocumentedDefaults() {
        // Also proves every key is wired: read() refuses a key of landline.yaml that no code reads.
        assertThat(Fixtures.loader(dir).read(Optional.empty(), Map.of())).isEqualTo(Fixtures.documentedDefaults(dir));
    }

    @Test
    void publicLoadResolvesTheDataDirectoryAgainstTheWorkingDirectoryAndNamesTheNodeAfterTheHost() {
        LandlineConfig config = ConfigLoader.load(Optional.empty(), Map.of());

        assertThat(config.source()).isEqualTo("embedded defaults");
        assertThat(config.node().dataDir()).isEqualTo(Path.of("").toAbsolutePath().resolve("var"));
        assertThat(config.node().name()).isNotBlank();
    }

    /** Comments are the only documentation of a key an operator sees; the shipped file keeps one per key. */
    @Test
    void everyLeafKeyOfTheShippedFileHasATrailingComment() throws IOException {
        String text;
        try (InputStream in = ConfigLoader.class.getResourceAsStream(YamlTrees.DEFAULTS_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> leafLines = leafLines(text);

        assertThat(leafLines.keySet()).containsExactlyElementsOf(leafKeys(YamlTrees.defaults(), ""));
        assertThat(leafLines).allSatisfy((key, line) ->
                assertThat(line).as("line of key '%s'", key).matches(".*\\S\\s+#\\s*\\S.*"));
    }

    private static final Pattern KEY_LINE = Pattern.compile("( *)([A-Za-z][A-Za-z0-9-]*):(.*)");

    /** Leaf key path to its line, by indentation; a section line has nothing but a comment after its colon. */
    private static Map<String, String> leafLines(String yaml) {
        Map<String, String> leaves = new LinkedHashMap<>();
        Deque<int[]> indents = new ArrayDeque<>();
        Deque<String> names = new ArrayDeque<>();
        for (String line : yaml.split("\n")) {
            Matcher m = KEY_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            while (!indents.isEmpty() && indents.peek()[0] >= indent) {
                indents.pop();
                names.pop();
            }
            List<String> path = new ArrayList<>(names);
            Collections.reverse(path);
            path.add(m.group(2));
            String rest = m.group(3).trim();
            if (rest.isEmpty() || rest.startsWith("#")) {
                indents.push(new int[] {indent});
                names.push(m.group(2));
            } else {
                leaves.put(String.join(".", path), line);
            }
        }
        return leaves;
    }

    private static List<String> leafKeys(ObjectNode node, String prefix) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getValue().isObject()) {
                keys.addAll(leafKeys((ObjectNode) field.getValue(), prefix + field.getKey() + "."));
            } else {
                keys.add(prefix + field.getKey());
            }
        }
        return keys;
    }
}
