package io.cutover.activity;

/**
 * Where a campaign's ledger lives in the store: beside its staged copies, one folder per
 * campaign run, so that the operator finds it and neither a second campaign nor a later run of
 * the same campaign id writes into it.
 */
public final class LedgerKeys {

    /** Used when the spec names no staging prefix. */
    public static final String DEFAULT_PREFIX = "drs-staging/";

    private LedgerKeys() {}

    /** The folder of the ledger of a campaign started before runs had an identity, ending in '/'. */
    public static String folder(String stagingPrefix, String campaignId) {
        String base = stagingPrefix == null || stagingPrefix.isEmpty() ? DEFAULT_PREFIX : stagingPrefix;
        return (base.endsWith("/") ? base : base + "/") + "ledger/" + campaignId + "/";
    }

    /**
     * The folder of one campaign run's ledger: {@code .../ledger/{campaignId}/{runIdentity}/}, or
     * the campaign's folder when the run has no identity (started before it existed).
     */
    public static String folder(String stagingPrefix, String campaignId, String runIdentity) {
        String campaign = folder(stagingPrefix, campaignId);
        return runIdentity == null ? campaign : campaign + runIdentity + "/";
    }

    /** One part: zero-padded, so that a listing shows the parts in the order they were written. */
    public static String part(String folder, int part) {
        return folder + String.format("%06d.jsonl", part);
    }

    /** The assembled report of the whole campaign. */
    public static String report(String folder) {
        return folder + "report.jsonl";
    }
}
