package io.cutover.codec;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import java.util.List;
import java.util.Random;

/**
 * Prints how fast the codec encrypts and decrypts payloads of a few sizes. Run it by hand (it is
 * not a test): {@code java -cp <test class path> io.cutover.codec.AesGcmPayloadCodecBenchmark}.
 */
public final class AesGcmPayloadCodecBenchmark {

    private static final int[] SIZES = {1024, 64 * 1024, 1024 * 1024};

    /** Enough data per size for a stable figure, bounded so a run takes seconds. */
    private static final long BYTES_PER_SIZE = 256L * 1024 * 1024;

    private AesGcmPayloadCodecBenchmark() {}

    public static void main(String[] args) {
        AesGcmPayloadCodec codec = new AesGcmPayloadCodec(TestKeys.ring("bench"));
        for (int size : SIZES) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            List<Payload> plain = List.of(
                    Payload.newBuilder().setData(ByteString.copyFrom(data)).build());
            int rounds = (int) (BYTES_PER_SIZE / size);
            // Warm-up lets the JIT compile the AES-GCM intrinsics before the measured run.
            run(codec, plain, Math.max(1, rounds / 4));
            long[] nanos = run(codec, plain, rounds);
            double megabytes = (double) rounds * size / (1024 * 1024);
            System.out.printf(
                    "%8d-byte payloads x %6d: encode %7.1f MiB/s (%6.1f us each), decode %7.1f MiB/s"
                            + " (%6.1f us each)%n",
                    size,
                    rounds,
                    megabytes / (nanos[0] / 1e9),
                    nanos[0] / 1e3 / rounds,
                    megabytes / (nanos[1] / 1e9),
                    nanos[1] / 1e3 / rounds);
        }
    }

    /** Encodes then decodes {@code rounds} times; returns total encode and decode nanoseconds. */
    private static long[] run(AesGcmPayloadCodec codec, List<Payload> plain, int rounds) {
        long encode = 0;
        long decode = 0;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            List<Payload> sealed = codec.encode(plain);
            long middle = System.nanoTime();
            if (!codec.decode(sealed).equals(plain)) {
                throw new IllegalStateException("round trip changed the payload");
            }
            decode += System.nanoTime() - middle;
            encode += middle - start;
        }
        return new long[] {encode, decode};
    }
}
