package io.landline.appliance.config;

import java.nio.file.Path;

/** Where a value came from; every error message starts by naming it. */
sealed interface Origin {

    Origin DEFAULTS = new Defaults();

    String describe();

    default boolean isDefaults() {
        return this instanceof Defaults;
    }

    /** The shipped config/landline.yaml, embedded in the jar. */
    record Defaults() implements Origin {
        @Override
        public String describe() {
            return "embedded defaults";
        }
    }

    /** The file given with --config, named as the operator wrote it. */
    record File(Path path) implements Origin {
        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** One LANDLINE_ variable. */
    record Environment(String variable) implements Origin {
        @Override
        public String describe() {
            return "environment variable " + variable;
        }
    }
}
