package io.cutover.campaign;

import io.cutover.naming.Sha256;

/**
 * Deterministic DRS job names. A name is a function of the campaign, the file, its sequence in
 * the campaign and the attempt, so that "find the job by exact name, else create" recognises a
 * job created by an earlier try whose answer was lost, and a retry after a failed job gets a new
 * name. The hash of the campaign id and file key keeps two campaigns sharing a prefix apart.
 */
final class JobNames {

    /** DRS accepts 4 to 50 characters: letters, digits, '-' and '_'. */
    static final int MAX_LENGTH = 50;

    private JobNames() {}

    /**
     * The name of one attempt at one file. {@code runIdentity} (null in campaigns started before
     * it existed) makes the names of a campaign started again under the same id differ from the
     * earlier run's, so that find-by-name never meets that run's jobs.
     */
    static String of(String prefix, String campaignId, String runIdentity, String fileKey, int sequence, int attempt) {
        String identity = runIdentity == null ? campaignId : campaignId + "\n" + runIdentity;
        String name = prefix + "-" + Sha256.hex(identity + "\n" + fileKey, 8) + "-" + sequence + "-" + attempt;
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        // Only reachable with sequence or attempt numbers no campaign reaches; a longer hash over
        // everything keeps the name unique and within the limit all the same.
        String tail = "-" + Sha256.hex(name, 16);
        return prefix.substring(0, Math.min(prefix.length(), MAX_LENGTH - tail.length())) + tail;
    }
}
