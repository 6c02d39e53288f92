package io.cutover.spec;

/**
 * The campaign's clocks, in seconds so that operators can type them in the Temporal UI.
 *
 * @param pollIntervalSeconds how often the bucket is listed while nothing is new, and how
 *     often a running job's status is read
 * @param settleSeconds an object younger than this, or still growing, is not yet taken
 * @param finalBackupAlarmSeconds after a cutover without a named final file, raise an alarm
 *     in the status when no log backup has arrived within this time
 * @param continueAsNewEveryFiles start a fresh run after this many applied files
 */
public record Timing(
        long pollIntervalSeconds, long settleSeconds, long finalBackupAlarmSeconds, int continueAsNewEveryFiles) {}
