package io.cutover.campaign;

/**
 * The operator's cutover.
 *
 * @param finalBackup the name (or key) of the final log backup; null means the first log
 *     backup that appears after the request is final
 * @param hold whether to hold the final once everything before it is restored and it is staged,
 *     until the operator commits (commitCutover) or cancels (cancelCutover): the prepare phase of
 *     a cutover in two phases
 */
public record CutoverRequest(String finalBackup, boolean hold) {

    /** A cutover whose final goes out as soon as it is ready. */
    public CutoverRequest(String finalBackup) {
        this(finalBackup, false);
    }
}
