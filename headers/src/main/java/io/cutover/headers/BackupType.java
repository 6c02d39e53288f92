package io.cutover.headers;

/** What a backup set holds, by the one-letter code its header carries and RESTORE HEADERONLY's number. */
public enum BackupType {
    FULL('D', 1),
    LOG('L', 2),
    FILE('F', 4),
    DIFF('I', 5),
    FILE_DIFF('G', 6),
    PARTIAL('P', 7),
    PARTIAL_DIFF('Q', 8);

    private final char code;
    private final int number;

    BackupType(char code, int number) {
        this.code = code;
        this.number = number;
    }

    /** The one-letter code in the header record. */
    public char code() {
        return code;
    }

    /** RESTORE HEADERONLY's BackupType column. */
    public int number() {
        return number;
    }

    static BackupType of(char code) {
        for (BackupType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new UnreadableBackupException("unknown backup type code '" + code + "'");
    }
}
