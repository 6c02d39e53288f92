package io.cutover.drs.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The list answer.
 *
 * @param count how many jobs match the query in all (not only on this page)
 * @param jobs this page's jobs
 */
public record JobList(
        @JsonProperty("count") int count,
        @JsonProperty("jobs") List<JobSummary> jobs) {

    public JobList {
        // A null entry in an answer is dropped rather than failing a status poll.
        jobs = jobs == null ? List.of() : jobs.stream().filter(Objects::nonNull).toList();
    }
}
