package io.cutover.campaign;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Operator requests (signals and updates) whose payload could not be read, each handed to its
 * handler as a blank request with the reason kept here, so that the handler can say why instead
 * of acting on it or dropping it without a trace. Kept by identity and taken once: the handler of
 * that very payload asks, and the entry is gone.
 */
public final class UnreadablePayloads {

    private static final Map<Object, String> REASONS = Collections.synchronizedMap(new IdentityHashMap<>());

    private UnreadablePayloads() {}

    /** Marks a blank request as standing for an unreadable payload; returns it. */
    static <T> T mark(T blank, String why) {
        REASONS.put(blank, why);
        return blank;
    }

    /** Why the request's payload could not be read, if it could not; asked once per payload. */
    public static Optional<String> why(Object request) {
        return request == null ? Optional.empty() : Optional.ofNullable(REASONS.remove(request));
    }
}
