package io.cutover.worker.config;

/** A configuration the worker cannot run with; the message names the key and what to do. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
