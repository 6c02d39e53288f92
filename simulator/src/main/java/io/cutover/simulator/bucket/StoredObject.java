package io.cutover.simulator.bucket;

import java.time.Instant;

/**
 * What the simulator needs to know about a backup file in a bucket.
 *
 * @param size its size in bytes
 * @param lastModified when it was last written
 * @param firstLine its first line (at most a few hundred bytes, without the newline), where a
 *     simulated backup keeps its header
 */
public record StoredObject(long size, Instant lastModified, String firstLine) {}
