package io.cutover.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Beats come often enough for the activity's own heartbeat timeout, however short it is. */
class HeartbeatTest {

    @Test
    void aShortHeartbeatTimeoutIsBeatenThreeTimesWithin() {
        // The final watch's 5 s: a beat every 5 s would let the server time the attempt out.
        assertEquals(1666, Heartbeat.period(Duration.ofSeconds(5)).toMillis());
        assertEquals(Heartbeat.EVERY, Heartbeat.period(Duration.ofSeconds(30)));
        assertEquals(Heartbeat.EVERY, Heartbeat.period(Duration.ZERO));
        assertEquals(Heartbeat.EVERY, Heartbeat.period(null));
    }
}
