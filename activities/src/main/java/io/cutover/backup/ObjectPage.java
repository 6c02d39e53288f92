package io.cutover.backup;

import java.util.List;

/**
 * One page of a listing, in key order.
 *
 * @param objects the objects of this page
 * @param truncated whether more objects follow
 * @param nextMarker where the next page starts (exclusive), when truncated
 */
public record ObjectPage(List<StoredObject> objects, boolean truncated, String nextMarker) {

    public ObjectPage {
        objects = List.copyOf(objects);
    }
}
