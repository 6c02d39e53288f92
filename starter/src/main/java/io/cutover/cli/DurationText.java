package io.cutover.cli;

/** Durations as operators read them in a table: 42s, 12m03s, 3h07m, 2d04h. */
final class DurationText {
    private DurationText() {}

    static String of(long millis) {
        if (millis < 0) {
            return "-";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return String.format("%dm%02ds", minutes, seconds % 60);
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return String.format("%dh%02dm", hours, minutes % 60);
        }
        return String.format("%dd%02dh", hours / 24, hours % 24);
    }
}
