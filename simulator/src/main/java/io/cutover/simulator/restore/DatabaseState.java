package io.cutover.simulator.restore;

/**
 * Where one database on one target instance stands.
 *
 * @param name the database's name as first restored
 * @param online true once a backup with is_last_backup=true was restored: no more logs apply
 * @param nextLsn the LSN the next log backup must contain, or null when unknown (a backup without a
 *     header broke the simulator's knowledge of the chain)
 * @param logApplied whether a log backup was applied since the full one: the first log only has to
 *     contain nextLsn, later ones must start exactly at it
 * @param nativeChain where a chain of SQL Server native backups stands, or null
 */
public record DatabaseState(String name, boolean online, Long nextLsn, boolean logApplied, NativeChain nativeChain) {

    public DatabaseState(String name, boolean online, Long nextLsn, boolean logApplied) {
        this(name, online, nextLsn, logApplied, null);
    }
}
