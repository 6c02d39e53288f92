package io.cutover.activity;

import java.util.List;
import java.util.Map;

/**
 * Where discovery stopped, carried in the workflow's state (and across continue-as-new). The
 * workflow treats it as opaque; its size is bounded by the backup store.
 *
 * @param marker the greatest key listed so far (listing resumes after it)
 * @param lastOrderKey the order key of the last backup handed on
 * @param unsettled objects seen but not yet settled: key to the size last seen
 * @param recentKeys discovery's bounded memory, as tagged entries written and read only by the
 *     backup store's discovery: where each known stream's listing stands, the size, ETag and key
 *     of backups seen recently (to recognise duplicates), and when the previous pass began (to
 *     recognise late files); at most a few hundred entries
 */
public record DiscoveryCursor(
        String marker, String lastOrderKey, Map<String, Long> unsettled, List<String> recentKeys) {

    public static DiscoveryCursor start() {
        return new DiscoveryCursor(null, null, Map.of(), List.of());
    }
}
