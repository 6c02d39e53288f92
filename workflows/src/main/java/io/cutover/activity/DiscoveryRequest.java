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
 */
public record DiscoveryRequest(
        SourceSpec source, long settleSeconds, DiscoveryCursor cursor, int maxFiles, ChainRequest chain) {

    /** A pass that takes files in the order of their names. */
    public DiscoveryRequest(SourceSpec source, long settleSeconds, DiscoveryCursor cursor, int maxFiles) {
        this(source, settleSeconds, cursor, maxFiles, null);
    }

    /** The same pass from another cursor. */
    public DiscoveryRequest from(DiscoveryCursor other) {
        return new DiscoveryRequest(source, settleSeconds, other, maxFiles, chain);
    }
}
