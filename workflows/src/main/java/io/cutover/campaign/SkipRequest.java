package io.cutover.campaign;

/**
 * Skip a failed backup.
 *
 * @param file the key or name of the blocked file (must match the blocked one)
 * @param reason why, recorded in the report
 */
public record SkipRequest(String file, String reason) {}
