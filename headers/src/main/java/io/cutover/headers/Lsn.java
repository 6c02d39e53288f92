package io.cutover.headers;

import java.math.BigInteger;

/**
 * A log sequence number as a backup header holds it: the virtual log file, the block in it and
 * the slot in the block. Compared as that triple; shown as RESTORE HEADERONLY and SQL Server's
 * messages show it (VLF × 10^15 + block × 10^5 + slot), which outgrows a signed 64-bit integer for
 * large VLF numbers.
 */
public record Lsn(long vlf, long block, int slot) implements Comparable<Lsn> {

    private static final BigInteger VLF_FACTOR = BigInteger.TEN.pow(15);
    private static final BigInteger BLOCK_FACTOR = BigInteger.TEN.pow(5);

    public Lsn {
        if (vlf < 0 || vlf > 0xFFFF_FFFFL || block < 0 || block > 0xFFFF_FFFFL || slot < 0 || slot > 0xFFFF) {
            throw new IllegalArgumentException("not an LSN: VLF and block are 32-bit and slot 16-bit unsigned, got "
                    + vlf + ":" + block + ":" + slot);
        }
    }

    /** An LSN from its decimal form, e.g. 39000000048800071. */
    public static Lsn parse(String decimal) {
        BigInteger value;
        try {
            value = new BigInteger(decimal);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an LSN (a decimal number): " + decimal);
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("not an LSN (a decimal number): " + decimal);
        }
        BigInteger[] vlf = value.divideAndRemainder(VLF_FACTOR);
        BigInteger[] block = vlf[1].divideAndRemainder(BLOCK_FACTOR);
        return new Lsn(vlf[0].longValueExact(), block[0].longValueExact(), block[1].intValueExact());
    }

    /**
     * The decimal form padded with zeros to 25 digits (a 32-bit VLF times 10^15 has at most 25), so
     * that LSNs sort as text in the order they sort as numbers.
     */
    public String sortable() {
        String decimal = toString();
        return "0".repeat(Math.max(0, 25 - decimal.length())) + decimal;
    }

    @Override
    public int compareTo(Lsn other) {
        int byVlf = Long.compare(vlf, other.vlf);
        if (byVlf != 0) {
            return byVlf;
        }
        int byBlock = Long.compare(block, other.block);
        return byBlock != 0 ? byBlock : Integer.compare(slot, other.slot);
    }

    /** The decimal form, e.g. 39000000048800071. */
    @Override
    public String toString() {
        return BigInteger.valueOf(vlf)
                .multiply(VLF_FACTOR)
                .add(BigInteger.valueOf(block).multiply(BLOCK_FACTOR))
                .add(BigInteger.valueOf(slot))
                .toString();
    }
}
