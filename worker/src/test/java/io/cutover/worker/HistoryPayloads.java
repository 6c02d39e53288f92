package io.cutover.worker;

import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.history.v1.History;
import java.util.ArrayList;
import java.util.List;

/**
 * Every payload of a raw history, found by walking each event's protobuf fields (so no event type
 * or field can be missed), split into search attribute values and everything else.
 */
record HistoryPayloads(List<Payload> data, List<Payload> searchAttributes) {

    static HistoryPayloads of(History history) {
        HistoryPayloads found = new HistoryPayloads(new ArrayList<>(), new ArrayList<>());
        history.getEventsList().forEach(event -> found.collect(event, false));
        return found;
    }

    private void collect(Message message, boolean inSearchAttributes) {
        if (message instanceof Payload payload) {
            (inSearchAttributes ? searchAttributes : data).add(payload);
            return;
        }
        boolean attributes = inSearchAttributes || message instanceof SearchAttributes;
        // Repeated and map fields come as lists (a map's entries are messages too).
        message.getAllFields().values().forEach(value -> {
            if (value instanceof List<?> list) {
                list.stream().filter(Message.class::isInstance).forEach(item -> collect((Message) item, attributes));
            } else if (value instanceof Message field) {
                collect(field, attributes);
            }
        });
    }
}
