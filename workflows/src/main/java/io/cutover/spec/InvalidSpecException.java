package io.cutover.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A campaign spec that breaks one or more rules; the message lists every violation. */
public final class InvalidSpecException extends IllegalArgumentException {

    private final transient List<SpecViolation> violations;

    public InvalidSpecException(List<SpecViolation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public List<SpecViolation> violations() {
        return violations;
    }

    /** One line per violation, so that a CLI and a failed workflow show the same text. */
    public static String describe(List<SpecViolation> violations) {
        return "invalid campaign spec ("
                + violations.size()
                + (violations.size() == 1 ? " violation" : " violations")
                + "):\n"
                + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n"));
    }
}
