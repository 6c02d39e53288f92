package io.cutover.activity;

import io.cutover.spec.SourceSpec;

/**
 * One discovery pass.
 *
 * @param source the campaign's source (bucket, prefix, naming, database filter)
 * @param settleSeconds objects younger than this, or still growing, are not yet returned
 * @param cursor where the previous pass stopped
 * @param maxFiles at most this many ready backups are returned (the rest come next pass)
 */
public record DiscoveryRequest(SourceSpec source, long settleSeconds, DiscoveryCursor cursor, int maxFiles) {}
