package io.cutover.campaign;

import java.util.List;

/**
 * What a cutover will do, as accepted.
 *
 * @param remaining keys of the backups that will still be applied before the final one
 * @param finalBackup the final backup's key, or null when the next log backup to arrive is
 *     final
 * @param waitingForFinal whether the final backup has yet to appear in the bucket
 */
public record CutoverPlan(List<String> remaining, String finalBackup, boolean waitingForFinal) {}
