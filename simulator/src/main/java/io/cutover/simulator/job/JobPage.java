package io.cutover.simulator.job;

import java.util.List;

/**
 * One page of the list call.
 *
 * @param count how many jobs match the filters, over all pages
 * @param jobs the jobs on this page
 */
public record JobPage(int count, List<Job> jobs) {

    public JobPage {
        jobs = List.copyOf(jobs);
    }
}
