package io.cutover.activity;

import java.util.List;

/**
 * What one discovery pass found.
 *
 * @param ready settled backups after the cursor, in chain order
 * @param reports late, duplicate and unusable objects seen in this pass
 * @param next the cursor for the next pass
 * @param listRequests how many listing requests the pass made
 */
public record DiscoveryResult(
        List<BackupFile> ready, List<BackupReport> reports, DiscoveryCursor next, int listRequests) {}
