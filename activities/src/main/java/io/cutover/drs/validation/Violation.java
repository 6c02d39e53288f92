package io.cutover.drs.validation;

/**
 * One broken rule.
 *
 * @param field the field's path in the seed's JSON, for example {@code backup_info.files[0].name}
 * @param rule what the field must be
 */
public record Violation(String field, String rule) {

    @Override
    public String toString() {
        return field + ": " + rule;
    }
}
