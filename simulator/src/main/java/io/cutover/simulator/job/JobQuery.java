package io.cutover.simulator.job;

import io.cutover.simulator.restore.JobStatus;
import java.util.Set;

/**
 * The list call's filters and paging.
 *
 * @param name a part of the job's name (case-insensitive), or null
 * @param status only jobs in this status, or null
 * @param instanceIds only jobs whose target is one of these instances; empty for all
 * @param description a part of the description (case-insensitive), or null
 * @param enterpriseProjectId only jobs of this enterprise project, or null
 * @param sortKey name, description, inst_id or created_at (the default)
 * @param ascending sort_dir asc; the default is newest first
 * @param limit at most this many jobs
 * @param offset skip this many
 */
public record JobQuery(
        String name,
        JobStatus status,
        Set<String> instanceIds,
        String description,
        String enterpriseProjectId,
        String sortKey,
        boolean ascending,
        int limit,
        int offset) {

    public JobQuery {
        instanceIds = Set.copyOf(instanceIds);
    }
}
