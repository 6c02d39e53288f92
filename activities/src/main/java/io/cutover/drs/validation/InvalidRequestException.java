package io.cutover.drs.validation;

import java.util.List;
import java.util.stream.Collectors;

/** A request broke one or more of DRS's rules; nothing was sent. */
public final class InvalidRequestException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(message(violations));
        this.violations = List.copyOf(violations);
    }

    /** Every broken rule, in field order, not only the first. */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        return "DRS request rejected before sending, "
                + violations.size()
                + (violations.size() == 1 ? " violation: " : " violations: ")
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
