package io.cutover.naming;

/** Whether a backup belongs to the campaign's database, as SQL Server names databases. */
public final class DatabaseNames {

    private DatabaseNames() {}

    /**
     * Whether {@code found} (the database a backup's name or header gives) may be {@code expected}
     * (the campaign's): SQL Server compares database names without regard to case by default, and
     * an unknown side (null) cannot tell them apart.
     */
    public static boolean match(String expected, String found) {
        return expected == null || found == null || expected.equalsIgnoreCase(found);
    }
}
