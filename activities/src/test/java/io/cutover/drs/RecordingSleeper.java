package io.cutover.drs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the client's waits instead of sleeping, so retry tests run at once. */
final class RecordingSleeper implements Sleeper {

    final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
    }
}
