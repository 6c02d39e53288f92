package io.cutover.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cutover.activity.BackupFile.Kind;
import io.cutover.spec.NamingSpec;
import io.cutover.spec.NamingSpec.Convention;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BackupNamingTest {

    private static final BackupNaming OLA = BackupNaming.of(new NamingSpec(Convention.OLA_HALLENGREN, null));

    private static ParsedName ola(String key) {
        return OLA.parse(key).orElseThrow(() -> new AssertionError("not recognised: " + key));
    }

    @Nested
    class OlaHallengren {

        @Test
        void readsServerInstanceDatabaseTypeAndTimestamp() {
            ParsedName parsed = ola("backups/SQL01$PROD_Sales_LOG_20240315_142500.trn");
            assertEquals(new ParsedName(Kind.LOG, "Sales", "20240315142500_000000"), parsed);
        }

        @Test
        void serverWithoutInstance() {
            assertEquals(
                    new ParsedName(Kind.FULL, "Sales", "20240315010000_000000"),
                    ola("SQL01_Sales_FULL_20240315_010000.bak"));
        }

        @Test
        void databaseNamesMayHoldUnderscoresAndTypeWords() {
            assertEquals(
                    "my_LOG_db",
                    ola("SQL01$I_my_LOG_db_DIFF_20240315_010000.bak").database());
            assertEquals(
                    Kind.DIFF, ola("SQL01$I_my_LOG_db_DIFF_20240315_010000.bak").kind());
        }

        @Test
        void fileNumberBecomesZeroPaddedSequence() {
            assertEquals(
                    "20240315142500_000002",
                    ola("S_Db_LOG_20240315_142500_2.trn").orderKey());
        }

        @Test
        void orderKeysSortInChainOrder() {
            List<String> chronological = List.of(
                    "S_Db_LOG_20240315_235959.trn",
                    "S_Db_LOG_20240316_000000.trn",
                    "S_Db_LOG_20240316_000000_1.trn",
                    "S_Db_LOG_20240316_000000_2.trn",
                    "S_Db_LOG_20240316_000000_10.trn",
                    "S_Db_LOG_20240316_000001.trn");
            List<String> keys = new ArrayList<>();
            for (String name : chronological) {
                keys.add(ola(name).orderKey());
            }
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertEquals(keys, sorted);
        }

        @Test
        void copyOnlyAndPartialBackupsAreRecognisedButOutsideTheChain() {
            assertEquals(
                    Kind.UNKNOWN,
                    ola("S$I_Db_LOG_COPY_ONLY_20240315_142500.trn").kind());
            assertEquals(
                    Kind.UNKNOWN, ola("S$I_Db_FULL_PARTIAL_20240315_142500.bak").kind());
            assertEquals("Db", ola("S$I_Db_LOG_COPY_ONLY_20240315_142500.trn").database());
        }

        @Test
        void extensionIsCaseInsensitive() {
            assertEquals(Kind.LOG, ola("S_Db_LOG_20240315_142500.TRN").kind());
        }

        @Test
        void rejectsNamesOutsideTheConvention() {
            for (String key : List.of(
                    "S_Db_LOG_20240315_142500.txt",
                    "S_Db_INCR_20240315_142500.trn",
                    "S_LOG_20240315_142500.trn",
                    "S_Db_LOG_20241315_142500.trn",
                    "S_Db_LOG_20240230_142500.trn",
                    "S_Db_LOG_20240315_246000.trn",
                    "S_Db_LOG_2024031_142500.trn",
                    "readme.md",
                    "")) {
                assertEquals(Optional.empty(), OLA.parse(key), key);
            }
        }

        @Test
        void onlyTheFileNameIsRead() {
            assertEquals(
                    "Db",
                    ola("SQL01$PROD/Db_FULL_x/LOG/SQL01$PROD_Db_LOG_20240315_142500.trn")
                            .database());
        }
    }

    @Nested
    class Streams {

        @Test
        void olaStreamIsTheKeyUpToTheTimestamp() {
            assertEquals(Optional.of("dir/S$I_Db_LOG_"), OLA.stream("dir/S$I_Db_LOG_20240315_142500_2.trn"));
            assertEquals(Optional.empty(), OLA.stream("dir/readme.txt"));
        }

        @Test
        void keysOfOneStreamSortInChainOrder() {
            List<String> keys = List.of(
                    "S_Db_LOG_20240315_235959.trn", "S_Db_LOG_20240316_000000.trn", "S_Db_LOG_20240316_000000_1.trn");
            List<String> sorted = new ArrayList<>(keys);
            sorted.sort(null);
            assertEquals(keys, sorted);
            for (String key : keys) {
                assertEquals(Optional.of("S_Db_LOG_"), OLA.stream(key));
            }
        }

        @Test
        void regexStreamEndsWhereTheTimestampStarts() {
            BackupNaming naming = BackupNaming.of(
                    new NamingSpec(Convention.REGEX, "(?<db>[a-z]+)/(?<type>log|full)/(?<ts>\\d+)\\.bak$"));
            assertEquals(Optional.of("x/sales/log/"), naming.stream("x/sales/log/20240101.bak"));
        }

        @Test
        void lexicalHasNoStreams() {
            assertEquals(Optional.empty(), BackupNaming.of(new NamingSpec(Convention.LEXICAL, null)).stream("a"));
        }

        @Test
        void chainStreamsOfAnOlaFullFollowItsNameAndDefaultFolders() {
            assertEquals(
                    List.of("S$I/Db/DIFF/S$I_Db_DIFF_", "S$I/Db/LOG/S$I_Db_LOG_"),
                    OLA.chainStreams("S$I/Db/FULL/S$I_Db_FULL_20240315_010000.bak"));
            assertEquals(List.of("S_FULL_DIFF_", "S_FULL_LOG_"), OLA.chainStreams("S_FULL_FULL_20240315_010000.bak"));
            assertEquals(List.of(), OLA.chainStreams("S_Db_LOG_20240315_010000.trn"));
            assertEquals(
                    List.of(),
                    BackupNaming.of(new NamingSpec(Convention.LEXICAL, null)).chainStreams("full.bak"));
        }
    }

    @Nested
    class CustomRegex {

        private final BackupNaming naming = BackupNaming.of(new NamingSpec(
                Convention.REGEX,
                "(?<db>[A-Za-z]+)/(?<type>full|log|diff)-(?<ts>\\d{4}-\\d{2}-\\d{2}T\\d{6})"
                        + "(?:-(?<seq>\\d+))?\\.bak$"));

        @Test
        void readsNamedGroupsAnywhereInTheKey() {
            assertEquals(
                    Optional.of(new ParsedName(Kind.LOG, "sales", "20240315142500_000003")),
                    naming.parse("root/sales/log-2024-03-15T142500-3.bak"));
            assertEquals(
                    Optional.of(new ParsedName(Kind.FULL, "sales", "20240315142500_000000")),
                    naming.parse("sales/full-2024-03-15T142500.bak"));
        }

        @Test
        void unknownTypeWordIsUnknownKind() {
            BackupNaming loose =
                    BackupNaming.of(new NamingSpec(Convention.REGEX, "(?<db>\\w+?)_(?<type>[A-Z]+)_(?<ts>\\d+)"));
            assertEquals(Kind.UNKNOWN, loose.parse("db_TAIL_123").orElseThrow().kind());
            assertEquals(Kind.LOG, loose.parse("db_TRN_123").orElseThrow().kind());
            assertEquals(
                    Kind.DIFF, loose.parse("db_DIFFERENTIAL_123").orElseThrow().kind());
        }

        @Test
        void shortNumericTimestampsArePaddedSoTheySortAsNumbers() {
            BackupNaming epoch =
                    BackupNaming.of(new NamingSpec(Convention.REGEX, "(?<db>[a-z]+)_(?<type>log)_(?<ts>\\d+)$"));
            String nine = epoch.parse("db_log_999999999").orElseThrow().orderKey();
            String ten = epoch.parse("db_log_1000000000").orElseThrow().orderKey();
            assertTrue(nine.compareTo(ten) < 0, nine + " should sort before " + ten);
        }

        @Test
        void nonMatchingKeyIsEmpty() {
            assertEquals(Optional.empty(), naming.parse("sales/log-yesterday.bak"));
        }

        @Test
        void sequenceGroupIsOptionalInThePattern() {
            BackupNaming noSeq =
                    BackupNaming.of(new NamingSpec(Convention.REGEX, "(?<db>[a-z]+)_(?<type>log)_(?<ts>\\d{14})"));
            assertEquals(
                    "20240101000000_000000",
                    noSeq.parse("db_log_20240101000000").orElseThrow().orderKey());
        }
    }

    @Nested
    class Lexical {

        @Test
        void everyKeyIsALogOrderedByItself() {
            BackupNaming lexical = BackupNaming.of(new NamingSpec(Convention.LEXICAL, null));
            assertEquals(
                    Optional.of(new ParsedName(Kind.LOG, null, "logs/anything 1.trn")),
                    lexical.parse("logs/anything 1.trn"));
        }
    }

    @Nested
    class SpecValidation {

        private String rejection(NamingSpec spec) {
            return assertThrows(IllegalArgumentException.class, () -> BackupNaming.of(spec))
                    .getMessage();
        }

        @Test
        void specAndConventionAreRequired() {
            assertEquals("source.naming: is required", rejection(null));
            assertTrue(rejection(new NamingSpec(null, null)).startsWith("source.naming.convention: is required"));
        }

        @Test
        void regexNeedsAPattern() {
            assertEquals(
                    "source.naming.pattern: is required with convention REGEX",
                    rejection(new NamingSpec(Convention.REGEX, " ")));
        }

        @Test
        void regexMustCompile() {
            assertTrue(rejection(new NamingSpec(Convention.REGEX, "(?<db>[a-z"))
                    .startsWith("source.naming.pattern: is not a valid regular expression"));
        }

        @Test
        void regexMustNameDbTypeAndTs() {
            assertEquals(
                    "source.naming.pattern: must have the named groups db, type and ts (missing: type, ts)",
                    rejection(new NamingSpec(Convention.REGEX, "(?<db>\\w+)_(\\w+)_(?<tss>\\d+)")));
        }

        @Test
        void groupNamesAreFoundEvenInCommentedFreeSpacingPatterns() {
            BackupNaming naming = BackupNaming.of(
                    new NamingSpec(Convention.REGEX, "(?x) (?<db>\\w+?) _ (?<type>LOG) _ (?<ts>\\d+) # tail"));
            assertEquals("db", naming.parse("db_LOG_1").orElseThrow().database());
        }

        @Test
        void patternOnlyWithRegex() {
            assertTrue(rejection(new NamingSpec(Convention.LEXICAL, "(?<db>x)"))
                    .startsWith("source.naming.pattern: only allowed with convention REGEX"));
        }
    }

    @Nested
    class DrsNames {

        @Test
        void compliance() {
            assertTrue(BackupNaming.isDrsCompliant("Sales_LOG_20240315142500_000000.bak"));
            assertTrue(BackupNaming.isDrsCompliant("a-b.bak"));
            assertTrue(BackupNaming.isDrsCompliant("x".repeat(200) + ".bak"));
            assertFalse(BackupNaming.isDrsCompliant("x".repeat(201) + ".bak"));
            assertFalse(BackupNaming.isDrsCompliant(".bak"));
            assertFalse(BackupNaming.isDrsCompliant("S$I_Db_LOG_20240315_142500.trn"));
            assertFalse(BackupNaming.isDrsCompliant("S$I_Db_LOG_20240315_142500.bak"));
            assertFalse(BackupNaming.isDrsCompliant("Db_LOG_20240315_142500.trn"));
            assertFalse(BackupNaming.isDrsCompliant("Db LOG.bak"));
            assertFalse(BackupNaming.isDrsCompliant(null));
        }

        @Test
        void stagingNameOfOlaBackup() {
            String name = BackupNaming.stagingFileName(ola("SQL01$PROD_Sales_LOG_20240315_142500_2.trn"));
            assertEquals("Sales_LOG_20240315142500_000002.bak", name);
            assertTrue(BackupNaming.isDrsCompliant(name));
        }

        @Test
        void stagingNamesEscapeForbiddenCharactersWithoutCollisions() {
            Set<String> names = new HashSet<>();
            for (String key : List.of("a$b", "a.b", "a-b", "a_b", "a-24b", "a b", "aé", "a/b")) {
                String name = BackupNaming.stagingFileName(new ParsedName(Kind.LOG, null, key));
                assertTrue(BackupNaming.isDrsCompliant(name), name);
                assertTrue(names.add(name), "collision on " + name);
            }
            assertEquals(
                    "LOG_logs-2Fx-2Etrn.bak",
                    BackupNaming.stagingFileName(new ParsedName(Kind.LOG, null, "logs/x.trn")));
        }

        @Test
        void longStemsAreCutWithAHashAndStayDistinct() {
            String longKey = "k".repeat(300);
            String first = BackupNaming.stagingFileName(new ParsedName(Kind.LOG, null, longKey + "1"));
            String second = BackupNaming.stagingFileName(new ParsedName(Kind.LOG, null, longKey + "2"));
            assertTrue(BackupNaming.isDrsCompliant(first), first);
            assertEquals(204, first.length());
            assertNotEquals(first, second);
            assertEquals(first, BackupNaming.stagingFileName(new ParsedName(Kind.LOG, null, longKey + "1")));
        }
    }
}
