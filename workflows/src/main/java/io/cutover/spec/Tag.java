package io.cutover.spec;

/** A resource tag put on DRS jobs (the seed's Table 5). */
public record Tag(String key, String value) {}
