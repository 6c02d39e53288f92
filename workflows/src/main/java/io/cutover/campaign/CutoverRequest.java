package io.cutover.campaign;

/**
 * The operator's cutover.
 *
 * @param finalBackup the name (or key) of the final log backup; null means the first log
 *     backup that appears after the request is final
 */
public record CutoverRequest(String finalBackup) {}
