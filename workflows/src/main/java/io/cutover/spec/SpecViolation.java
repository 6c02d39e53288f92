package io.cutover.spec;

/**
 * One rule a campaign spec breaks.
 *
 * @param field the path of the offending field, for example {@code source.bucket}
 * @param rule the rule it breaks, as a sentence fragment the operator can act on
 */
public record SpecViolation(String field, String rule) {

    @Override
    public String toString() {
        return field + ": " + rule;
    }
}
