package io.cutover.activity;

import java.util.Map;

/**
 * Where a finished campaign's full ledger was written, and what it holds. The ledger lists every
 * job, skip and refused object; the workflow keeps only the most recent ones, so that its
 * history stays bounded however long the campaign runs.
 *
 * @param bucket the bucket holding the report
 * @param key the report object: one JSON line per entry, in the order they happened
 * @param entries how many entries the report holds
 * @param outcomes how many entries ended with each outcome (SUCCESS, FAILED, SKIPPED, LATE...)
 */
public record LedgerSummary(String bucket, String key, int entries, Map<String, Integer> outcomes) {}
