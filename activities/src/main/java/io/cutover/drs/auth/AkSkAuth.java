package io.cutover.drs.auth;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * Signs every request with an access key / secret key pair ({@code SDK-HMAC-SHA256}). DRS
 * rejects a signature dated more than 15 minutes from its own clock, so the date comes from
 * the injected clock at the moment of each attempt.
 */
public final class AkSkAuth implements DrsAuth {

    private final AkSkSigner signer;
    private final Clock clock;

    public AkSkAuth(String accessKey, String secretKey, Clock clock) {
        this.signer = new AkSkSigner(accessKey, secretKey);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Request authorize(Request request) throws IOException {
        return signer.sign(request, bodyBytes(request.body()), clock.instant());
    }

    private static byte[] bodyBytes(RequestBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        Buffer buffer = new Buffer();
        body.writeTo(buffer);
        return buffer.readByteArray();
    }

    @Override
    public String toString() {
        return "AkSkAuth[accessKey=****, secretKey=****]";
    }
}
