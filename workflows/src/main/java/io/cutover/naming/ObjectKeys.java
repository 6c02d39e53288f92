package io.cutover.naming;

/** Object keys as the product shows and compares them. */
public final class ObjectKeys {

    private ObjectKeys() {}

    /** The part after the last '/': the file's name, as the operator names a file. */
    public static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
