package io.cutover.simulator.validation;

/** A request the simulator refuses, naming the field (a JSON path) and the rule it breaks. */
public final class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidRequestException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    /** The offending field, as a path such as {@code backup_info.files[0].name}. */
    public String field() {
        return field;
    }
}
