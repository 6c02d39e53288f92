package io.cutover.simulator.restore;

import java.time.Instant;

/**
 * One backup file of a job as show reports it (backup_info.file_info).
 *
 * @param fileName the file's name
 * @param fileSize its size in bytes, 0 when unknown
 * @param lastModified when it was last written, or null when unknown
 */
public record FileInfo(String fileName, long fileSize, Instant lastModified) {}
