package io.cutover.campaign;

/** End the campaign; the reason is recorded in the report. */
public record AbortRequest(String reason) {}
