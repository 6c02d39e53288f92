package io.cutover.headers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The fixture backups (the first 64 KiB of real SQL Server 2008 R2 backups, see the NOTICE next to
 * them), for the tests of every module that plans or restores a chain.
 */
public final class SqlServerFixtures {

    /** RestoreTimeClean, in the order the backups were taken; their names do not sort that way. */
    public static final List<String> RESTORE_TIME_CLEAN = List.of(
            "RestoreTimeClean/RestoreTimeClean.bak",
            "RestoreTimeClean/RestoreTimeClean_1.trn",
            "RestoreTimeClean/RestoreTimeClean_2.trn",
            "RestoreTimeClean/RestoreTimeClean_3.trn",
            "RestoreTimeClean/RestoreTimeClean2.bak",
            "RestoreTimeClean/RestoreTimeClean2_1.trn",
            "RestoreTimeClean/RestoreTimeClean2_2.trn",
            "RestoreTimeClean/RestoreTimeClean2_3.trn");

    /** OlaMsFilter/complex, in the order taken: two fulls, four differentials, twelve logs. */
    public static final List<String> OLA_COMPLEX = List.of(
            "OlaMsFilter/complex/Full/test_FULL_20160629_141300.bak",
            "OlaMsFilter/complex/Log/test_LOG_20160629_141400.trn",
            "OlaMsFilter/complex/Log/test_LOG_20160629_141500.trn",
            "OlaMsFilter/complex/Diff/test_DIFF_20160629_141600.bak",
            "OlaMsFilter/complex/Log/test_LOG_20160629_141700.trn",
            "OlaMsFilter/complex/Log/test_LOG_20160629_141800.trn",
            "OlaMsFilter/complex/Diff/test_DIFF_20160629_141900.bak",
            "OlaMsFilter/complex/Log/test_LOG_20160629_142000.trn",
            "OlaMsFilter/complex/Log/test_LOG_20160629_142100.trn",
            "OlaMsFilter/complex/Full/test_FULL_20160629_142200.bak",
            "OlaMsFilter/complex/Log/test_LOG_20160629_142300.trn",
            "OlaMsFilter/complex/Log/test_LOG_20160629_142400.trn",
            "OlaMsFilter/complex/Diff/test_DIFF_20160629_142500.bak",
            "OlaMsFilter/complex/Log/test_LOG_20160629_142600.trn",
            "OlaMsFilter/complex/Log/test_LOG_20160629_142700.trn",
            "OlaMsFilter/complex/Diff/test_DIFF_20160629_142800.bak",
            "OlaMsFilter/complex/Log/test_LOG_20160629_142900.trn",
            "OlaMsFilter/complex/Log/test_LOG_20160629_143000.trn");

    private SqlServerFixtures() {}

    /** The fixture's bytes (its first 64 KiB), by its path under sqlserver-backups/. */
    public static byte[] bytes(String path) {
        try (InputStream in = SqlServerFixtures.class.getResourceAsStream("/sqlserver-backups/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture backup " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header of a fixture, as the reader finds it. */
    public static BackupHeader header(String path) {
        return BackupHeaderReader.read(bytes(path));
    }

    /** The last path segment. */
    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
