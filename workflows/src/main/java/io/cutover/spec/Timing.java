package io.cutover.spec;

import java.time.Duration;

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
 *     final backup instead of every poll interval; 0 (the default, and specs written before it
 *     existed) means four times a second
 */
public record Timing(
        long pollIntervalSeconds,
        long settleSeconds,
        long finalBackupAlarmSeconds,
        int continueAsNewEveryFiles,
        long finalWatchSeconds) {

    /**
     * Four listings a second, the default: the application is down while the final is looked for,
     * and a listing costs little.
     */
    public static final Duration QUICKEST_FINAL_WATCH = Duration.ofMillis(250);

    /** How often the bucket is listed while a cutover waits for its final backup. */
    public Duration finalWatchEvery() {
        return finalWatchSeconds > 0 ? Duration.ofSeconds(finalWatchSeconds) : QUICKEST_FINAL_WATCH;
    }
}
