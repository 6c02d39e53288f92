package io.cutover.activity;

import java.util.List;

/**
 * What one discovery pass found.
 *
 * @param ready settled backups after the cursor, in chain order
 * @param reports late, duplicate and unusable objects seen in this pass
 * @param next the cursor for the next pass
 * @param listRequests how many listing requests the pass made
 * @param gap when the chain is planned by headers and no file holds the LSN it continues at: what
 *     the campaign waits for, in the operator's words; else null
 * @param gapAlarmDue whether the gap has lasted past the request's alarm time
 */
public record DiscoveryResult(
        List<BackupFile> ready,
        List<BackupReport> reports,
        DiscoveryCursor next,
        int listRequests,
        String gap,
        boolean gapAlarmDue) {

    /** A pass that found no gap. */
    public DiscoveryResult(List<BackupFile> ready, List<BackupReport> reports, DiscoveryCursor next, int listRequests) {
        this(ready, reports, next, listRequests, null, false);
    }
}
