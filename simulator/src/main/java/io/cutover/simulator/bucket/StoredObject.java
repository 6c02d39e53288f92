package io.cutover.simulator.bucket;

import java.time.Instant;

/**
 * What the simulator needs to know about a backup file in a bucket.
 *
 * @param size its size in bytes
 * @param lastModified when it was last written
 * @param firstLine its first line (at most a few hundred bytes, without the newline), where a
 *     simulated backup keeps its header
 * @param head its first bytes (up to {@link #HEAD_BYTES}), where a SQL Server native backup keeps
 *     its header
 */
public record StoredObject(long size, Instant lastModified, String firstLine, byte[] head) {

    /** Enough for a native backup's header: SQL Server's record lies in the first few KiB. */
    public static final int HEAD_BYTES = 64 * 1024;

    /** An object known without its bytes. */
    public StoredObject(long size, Instant lastModified, String firstLine) {
        this(size, lastModified, firstLine, new byte[0]);
    }

    /** Whether it begins as a SQL Server native backup does (an MTF TAPE block). */
    public boolean looksNative() {
        return head.length >= 4 && head[0] == 'T' && head[1] == 'A' && head[2] == 'P' && head[3] == 'E';
    }
}
