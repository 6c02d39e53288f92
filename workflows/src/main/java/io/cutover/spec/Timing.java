package io.cutover.spec;

/**
 * The campaign's clocks, in seconds so that operators can type them in the Temporal UI.
 *
 * @param pollIntervalSeconds how often the bucket is listed while nothing is new; a running job's
 *     status is read after 1, 2, 4, ... seconds, then every poll interval
 * @param settleSeconds in a store that lists an object while it is written (a local folder, an
 *     OBS appendable object), an object younger than this, or still growing, is not yet taken;
 *     objects of S3-protocol stores are complete once listed and are taken at once
 * @param finalBackupAlarmSeconds after a cutover without a named final file, raise an alarm
 *     in the status when no log backup has arrived within this time
 * @param continueAsNewEveryFiles start a fresh run after this many applied files
 * @param finalWatchSeconds once a cutover is requested, the bucket is listed this often for the
 *     final backup instead of every poll interval; 0 (as in specs written before it existed)
 *     means the default, {@value #DEFAULT_FINAL_WATCH_SECONDS} s
 */
public record Timing(
        long pollIntervalSeconds,
        long settleSeconds,
        long finalBackupAlarmSeconds,
        int continueAsNewEveryFiles,
        long finalWatchSeconds) {

    /** A second: a listing a second costs little, and the cutover window is what the user feels. */
    public static final long DEFAULT_FINAL_WATCH_SECONDS = 1;

    /** How often the bucket is listed while a cutover waits for its final backup. */
    public long finalWatchSecondsOrDefault() {
        return finalWatchSeconds > 0 ? finalWatchSeconds : DEFAULT_FINAL_WATCH_SECONDS;
    }
}
