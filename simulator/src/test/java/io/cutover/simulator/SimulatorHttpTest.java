package io.cutover.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests that talk to a simulator over HTTP: each test gets a fresh one with the default
 * options, and may {@link #restart} it with others.
 */
abstract class SimulatorHttpTest {

    DrsSimulator simulator;
    SimulatorHttp http;

    @BeforeEach
    void startSimulator() {
        restart(SimulatorOptions.builder());
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    /** Replaces this test's simulator by one started with {@code options}. */
    void restart(SimulatorOptions.Builder options) {
        if (simulator != null) {
            simulator.close();
        }
        simulator = DrsSimulator.start(options.build());
        http = new SimulatorHttp(simulator);
    }
}
