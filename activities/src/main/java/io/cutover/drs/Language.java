package io.cutover.drs;

/** The X-Language header: the language of DRS's error messages. */
public enum Language {
    EN_US("en-us"),
    ZH_CN("zh-cn");

    private final String header;

    Language(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }
}
