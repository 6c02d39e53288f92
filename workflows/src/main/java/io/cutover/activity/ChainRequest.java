package io.cutover.activity;

/**
 * How discovery plans the chain by the backups' headers (see the backup store's chain planning):
 * from where the chain stands, which files continue it.
 *
 * @param full the header of the campaign's full backup: the base of the chain and of its
 *     differentials, the database and server every file must belong to
 * @param headOrderKey the {@link HeaderFacts#orderKey} of the last file the campaign took (the full
 *     before any): the chain continues at its LastLSN
 * @param differentials whether a differential on the full may replace the logs it covers
 * @param targetMajorVersion the target's SQL Server major version (backups from a newer one cannot
 *     be restored), or 0 when not known
 * @param knownGap the gap the campaign shows already, or null: a pass that finds the same gap and
 *     nothing else has nothing new to say
 * @param gapAlarmDueMillis when the campaign raises the missing-log alarm, or -1: a pass after it
 *     that still finds the gap says so
 */
public record ChainRequest(
        HeaderFacts full,
        String headOrderKey,
        boolean differentials,
        int targetMajorVersion,
        String knownGap,
        long gapAlarmDueMillis) {}
