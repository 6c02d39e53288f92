package io.cutover.worker.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a secret is found: an environment variable or a file, never the value itself. The
 * configuration only ever holds this reference, so printing the configuration (or logging it)
 * cannot leak the secret; the value is read when a client is built and lives only there.
 *
 * @param key the configuration key that named the source (for error messages)
 * @param envVar the environment variable holding the secret, or null
 * @param file the file holding the secret (trailing whitespace ignored), or null
 */
public record SecretRef(String key, String envVar, Path file) {

    /** Reads the secret; fails naming the key when the variable is unset or the file unreadable. */
    public String resolve(Map<String, String> environment) {
        if (envVar != null) {
            String value = environment.get(envVar);
            if (value == null || value.isBlank()) {
                throw new ConfigException(key + ": the environment variable " + envVar
                        + " is not set or empty; export it" + " before starting the worker");
            }
            return value;
        }
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new ConfigException(key + ": the file " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read the file " + file + " (" + e + ")");
        }
    }

    @Override
    public String toString() {
        return envVar != null ? "env:" + envVar : "file:" + file;
    }
}
