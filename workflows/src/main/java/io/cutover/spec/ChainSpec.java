package io.cutover.spec;

/**
 * How the campaign plans its log chain when the backups' headers can be read (they can for every
 * uncompressed native backup). Optional: left out, every value takes its default.
 *
 * @param differentials whether a differential backup based on the campaign's full may replace the
 *     log backups it covers (one job instead of many). Off by default: whether DRS restores a
 *     differential as an incre job is not documented, so this is unverified on real DRS
 * @param gapAlarmSeconds how long the campaign waits for a missing log backup before it raises the
 *     missing-log alarm (0: the default, {@link #DEFAULT_GAP_ALARM_SECONDS})
 * @param targetMajorVersion the target instance's SQL Server major version (15 for 2019, 16 for
 *     2022): backups taken by a newer SQL Server are refused before any job; 0 when not given
 */
public record ChainSpec(boolean differentials, long gapAlarmSeconds, int targetMajorVersion) {

    /**
     * Fifteen minutes: a log backup is often uploaded a few minutes after the next one (a copy job
     * that ran behind), and that is no reason to wake anyone; a quarter of an hour is.
     */
    public static final long DEFAULT_GAP_ALARM_SECONDS = 900;

    /** Every default: differentials off, the default gap alarm, the target's version not known. */
    public static final ChainSpec DEFAULTS = new ChainSpec(false, 0, 0);

    public long gapAlarmSecondsOrDefault() {
        return gapAlarmSeconds > 0 ? gapAlarmSeconds : DEFAULT_GAP_ALARM_SECONDS;
    }
}
