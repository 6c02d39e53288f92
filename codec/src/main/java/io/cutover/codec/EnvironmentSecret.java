package io.cutover.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secret read from the process environment: the variable {@code NAME} itself and/or the file
 * named by {@code NAME_FILE} (the convention of Docker and Kubernetes secrets). Secrets come only
 * from here, never from workflow inputs or configuration values, so they cannot end up in a
 * history. {@link #toString()} names where the secret came from and never shows its value.
 *
 * @param source where the value came from, for error messages: {@code NAME} or {@code NAME_FILE
 *     (path)}
 * @param value the secret text, trimmed
 */
public record EnvironmentSecret(String source, String value) {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentSecret.class);

    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    /**
     * Reads {@code variable} or the file named by {@code variable + "_FILE"}.
     *
     * @return empty when neither is set (or both are blank)
     * @throws IllegalArgumentException when both are set (which one wins would be a guess) or the
     *     file cannot be read, naming the variables and path
     */
    public static Optional<EnvironmentSecret> read(Map<String, String> env, String variable) {
        List<EnvironmentSecret> found = readAll(env, variable);
        if (found.size() > 1) {
            throw new IllegalArgumentException("set " + variable + " or " + variable + "_FILE, not both");
        }
        return found.stream().findFirst();
    }

    /**
     * Reads both {@code variable} and the file named by {@code variable + "_FILE"}, in that order,
     * leaving out those that are unset or blank.
     */
    public static List<EnvironmentSecret> readAll(Map<String, String> env, String variable) {
        List<EnvironmentSecret> found = new ArrayList<>(2);
        String direct = env.get(variable);
        if (direct != null && !direct.isBlank()) {
            found.add(new EnvironmentSecret(variable, direct.trim()));
        }
        String fileVariable = variable + "_FILE";
        String fileName = env.get(fileVariable);
        if (fileName != null && !fileName.isBlank()) {
            Path file = Path.of(fileName.trim());
            String source = fileVariable + " (" + file + ")";
            String text = readFile(file, source);
            if (!text.isBlank()) {
                found.add(new EnvironmentSecret(source, text.trim()));
            }
        }
        return found;
    }

    private static String readFile(Path file, String source) {
        try {
            warnIfOthersMayRead(file, source);
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read the file: " + e, e);
        }
    }

    /**
     * Only warns: Kubernetes mounts secrets 0644 by default, and refusing those would push people
     * to put keys into plain variables instead, which is worse.
     */
    private static void warnIfOthersMayRead(Path file, String source) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OPEN_TO_OTHERS::contains)) {
                log.warn("{}: the file is readable or writable by group or others; chmod 600 it", source);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (or the attributes are hidden): nothing to check.
        }
    }

    @Override
    public String toString() {
        return "EnvironmentSecret[source=" + source + ", value=(redacted)]";
    }
}
