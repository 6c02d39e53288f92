package io.cutover.activity;

/**
 * What one object's header says, or why it says nothing.
 *
 * @param facts the header's facts, or null
 * @param problem why the header cannot be read (compressed, not a backup, truncated, missing), or
 *     null
 */
public record HeaderReading(HeaderFacts facts, String problem) {}
