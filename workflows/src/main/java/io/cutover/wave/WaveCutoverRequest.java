package io.cutover.wave;

import java.util.Map;

/**
 * The operator's cutover of a wave.
 *
 * @param finals each member's final backup by database name; a member left out (or mapped to
 *     null) takes the next log backup taken after the request
 */
public record WaveCutoverRequest(Map<String, String> finals) {}
