package io.cutover.naming;

import io.cutover.activity.BackupFile;

/**
 * What a naming convention reads from a backup object's key.
 *
 * @param kind FULL, DIFF or LOG; UNKNOWN for a backup the convention recognises but that takes
 *     no part in the log chain (copy-only or partial backups)
 * @param database the database name, or null when the convention does not name one
 * @param orderKey the chain order: a later backup has a lexically greater key
 */
public record ParsedName(BackupFile.Kind kind, String database, String orderKey) {}
