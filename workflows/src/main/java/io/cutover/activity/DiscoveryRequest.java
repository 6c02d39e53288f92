package io.cutover.activity;

import io.cutover.spec.SourceSpec;

/**
 * One discovery pass.
 *
 * @param source the campaign's source (bucket, prefix, naming, database filter)
 * @param settleSeconds objects younger than this, or still growing, are not yet returned
 * @param cursor where the previous pass stopped
 * @param maxFiles at most this many ready backups are returned (the rest come next pass)
 * @param chain how to plan the chain by the backups' headers, or null to take files in the order
 *     of their names
 * @param watch how one attempt goes on listing while nothing is new, or null for one listing
 */
public record DiscoveryRequest(
        SourceSpec source, long settleSeconds, DiscoveryCursor cursor, int maxFiles, ChainRequest chain, Watch watch) {

    /**
     * One attempt that lists again every {@code everyMillis} while nothing is new, for up to {@code
     * forMillis}, before it answers so. The watch for a cutover's final backup: the final is seen
     * within a fraction of a second of its upload, at one activity attempt per window instead of
     * one per listing (each attempt costs the Temporal server writes).
     */
    public record Watch(long everyMillis, long forMillis) {}

    /** A pass that takes files in the order of their names. */
    public DiscoveryRequest(SourceSpec source, long settleSeconds, DiscoveryCursor cursor, int maxFiles) {
        this(source, settleSeconds, cursor, maxFiles, null, null);
    }

    /** A pass of one listing. */
    public DiscoveryRequest(
            SourceSpec source, long settleSeconds, DiscoveryCursor cursor, int maxFiles, ChainRequest chain) {
        this(source, settleSeconds, cursor, maxFiles, chain, null);
    }

    /** The same pass from another cursor. */
    public DiscoveryRequest from(DiscoveryCursor other) {
        return new DiscoveryRequest(source, settleSeconds, other, maxFiles, chain, watch);
    }

    /** The same pass, watching as {@code how} says before it answers that nothing is new. */
    public DiscoveryRequest watching(Watch how) {
        return new DiscoveryRequest(source, settleSeconds, cursor, maxFiles, chain, how);
    }
}
