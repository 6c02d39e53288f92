package io.cutover.drs.model;

import java.util.List;

/**
 * Query of {@code GET /v5/{project_id}/backup-migration-jobs}. Every field is optional; null
 * leaves the parameter out.
 *
 * @param name name filter; DRS matches it fuzzily, so callers must compare exactly themselves
 * @param status status filter
 * @param dbsInstanceIds target instance ids (at most {@value #MAX_INSTANCE_IDS}), sent as
 *     repeated parameters
 * @param description description filter
 * @param createAt creation time filter
 * @param completedAt completion time filter
 * @param enterpriseProjectId enterprise project filter
 * @param tags tag filter, passed through as text (its format is not published; Huawei's SDK
 *     types it as a string)
 * @param limit page size (DRS's default is 10)
 * @param offset index of the page's first job (DRS's default is 0)
 * @param sortKey sort key
 * @param sortDir sort direction (asc or desc)
 */
public record ListJobsQuery(
        String name,
        String status,
        List<String> dbsInstanceIds,
        String description,
        String createAt,
        String completedAt,
        String enterpriseProjectId,
        String tags,
        Integer limit,
        Integer offset,
        String sortKey,
        String sortDir) {

    /** DRS accepts at most this many instance ids in one query. */
    public static final int MAX_INSTANCE_IDS = 10;

    public ListJobsQuery {
        dbsInstanceIds = dbsInstanceIds == null ? List.of() : List.copyOf(dbsInstanceIds);
        if (dbsInstanceIds.size() > MAX_INSTANCE_IDS) {
            throw new IllegalArgumentException(
                    "dbs_instance_ids: at most " + MAX_INSTANCE_IDS + " ids, got " + dbsInstanceIds.size());
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit: must be at least 1, got " + limit);
        }
        if (offset != null && offset < 0) {
            throw new IllegalArgumentException("offset: must not be negative, got " + offset);
        }
    }

    /** One page of the jobs whose name contains {@code name} (DRS's fuzzy match). */
    public static ListJobsQuery byName(String name, int limit, int offset) {
        return new ListJobsQuery(name, null, null, null, null, null, null, null, limit, offset, null, null);
    }
}
