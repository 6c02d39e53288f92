package io.cutover.campaign;

import io.cutover.wave.MemberReport;
import java.time.Duration;

/**
 * Where a member's wave asks arrive (updates and a signal, never from an operator): the cutover
 * request held for the wave's commit, the collection of the PREPARED report, both in one update,
 * and the wave's request to report by signal again. The request itself is judged and taken by the
 * {@link CutoverDesk} as an operator's is; what is answered and what is signalled is {@link
 * WaveReports}'.
 */
final class WaveDesk {

    private final CutoverDesk desk;
    private final WaveReports reports;
    private final Cutover cutover;
    private final OperatorControls controls;

    WaveDesk(CutoverDesk desk, WaveReports reports, Cutover cutover, OperatorControls controls) {
        this.desk = desk;
        this.reports = reports;
        this.cutover = cutover;
        this.controls = controls;
    }

    /** The wave's cutover request (waveCutover): the report taking it makes is the answer. */
    MemberReport cutover(CutoverRequest request, boolean collected) {
        return reports.answer(() -> desk.accept(request), collected);
    }

    /** The validator of the wave's requests: refused as an operator's request would be. */
    void validate(CutoverRequest request) {
        desk.validate(request);
    }

    /** The wave's collection of the PREPARED report (wavePrepared). */
    MemberReport collect(long withinMillis) {
        return reports.collect(Duration.ofMillis(withinMillis), this::preparedOrNoLonger);
    }

    /** The collection's validator: only a member has a wave to report to. */
    void validateCollect() {
        if (!reports.reportsToWave()) {
            throw new IllegalArgumentException("this campaign is not a member of a wave");
        }
    }

    /** The wave's request and the collection of the report that follows, in one update (wavePrepare). */
    MemberReport prepare(CutoverRequest request, long withinMillis) {
        return reports.prepare(() -> desk.accept(request), Duration.ofMillis(withinMillis), this::preparedOrNoLonger);
    }

    /** The wave did not hear the answer to its update: the member reports by signal from now on. */
    void reportAgain() {
        reports.reportAgain();
    }

    private boolean preparedOrNoLonger() {
        return cutover.preparedOrNoLonger(controls.aborted());
    }
}
