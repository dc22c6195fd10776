package io.landline.appliance.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads the embedded defaults and a config file into YAML trees; nothing here knows a key. */
final class YamlTrees {

    /** Next to this class on the classpath; the pom copies config/landline.yaml there. */
    static final String DEFAULTS_RESOURCE = "landline.yaml";

    // A key written twice is a mistake the operator should hear about, not a silent "last one wins".
    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private YamlTrees() {
    }

    static ObjectNode defaults() {
        try (InputStream in = YamlTrees.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath next to " + YamlTrees.class.getName());
            }
            return parse(in, Origin.DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode file(Path file, Origin origin) {
        if (Files.isDirectory(file)) {
            throw ConfigException.file(origin, "is a directory, not a config file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, origin);
        } catch (NoSuchFileException e) {
            throw ConfigException.file(origin, "the file does not exist");
        } catch (AccessDeniedException e) {
            throw ConfigException.file(origin, "the file is not readable by this process");
        } catch (IOException e) {
            throw ConfigException.file(origin, "the file cannot be read: " + e);
        }
    }

    private static ObjectNode parse(InputStream in, Origin origin) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JsonProcessingException e) {
            throw syntaxError(origin, e);
        }
        // An empty file, or one of only comments, changes nothing.
        if (root == null || root.isMissingNode() || root.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!root.isObject()) {
            throw ConfigException.file(origin, "the file is " + (root.isArray() ? "a list" : "a single value")
                    + ", not a mapping of keys such as 'https:'");
        }
        return (ObjectNode) root;
    }

    private static ConfigException syntaxError(Origin origin, JsonProcessingException e) {
        // SnakeYAML's own exception knows the line of the problem and of its context; its
        // message is a multi-line excerpt of the file, so take the parts instead.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark at = yaml.getProblemMark();
            String problem = yaml.getProblem();
            Mark context = yaml.getContextMark();
            if (yaml.getContext() != null && context != null) {
                problem += " (" + yaml.getContext() + " at line " + (context.getLine() + 1) + ")";
            }
            return ConfigException.syntax(origin, at.getLine() + 1, at.getColumn() + 1, problem);
        }
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage();
        String firstLine = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        // Jackson speaks JSON ("Duplicate field 'port'"); a YAML file has keys.
        firstLine = firstLine.replace("Duplicate field", "duplicate key");
        return ConfigException.syntax(origin, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), firstLine);
    }
}
