package io.ossenforcer.localoss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import io.ossenforcer.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What OSS refuses, for V1 and V4 signatures alike, as a real SDK client meets it: an expired, wrong or missing STS
 * token, a clock skewed beyond 15 minutes either way, a wrong secret, an unknown access key. Each with OSS's code.
 */
class RequestRejectionTest {
    private static final String AK = "STS.rejection";
    private static final String SECRET = "sts-secret";
    private static final String TOKEN = "sts-token";

    /** A way of signing: V1 or V4, through the SDK. */
    enum Signing {
        V1(t -> (ak, secret, token) -> t.v1(ak, secret, token)),
        V4(t -> (ak, secret, token) -> t.v4(ak, secret, token));

        final Function<TestOss, Clients> clients;

        Signing(Function<TestOss, Clients> clients) {
            this.clients = clients;
        }
    }

    interface Clients {
        OSS client(String accessKeyId, String secret, String token);
    }

    static Stream<Arguments> signings() {
        return Stream.of(Arguments.of(Signing.V1), Arguments.of(Signing.V4));
    }

    private static String code(TestOss t, Signing signing, String ak, String secret, String token) {
        OSS client = signing.clients.apply(t).client(ak, secret, token);
        return assertThrows(OSSException.class, client::listBuckets).getErrorCode();
    }

    private static TestOss sts(LocalOss.Builder builder) throws IOException {
        return TestOss.start(builder.credentials(AK, SECRET));
    }

    @ParameterizedTest
    @MethodSource("signings")
    void anExpiredStsTokenIsSecurityTokenExpired(Signing signing) throws IOException {
        try (TestOss t = sts(LocalOss.builder().securityToken(TOKEN, Instant.now().minusSeconds(1)))) {
            assertEquals("SecurityTokenExpired", code(t, signing, AK, SECRET, TOKEN));
        }
    }

    @ParameterizedTest
    @MethodSource("signings")
    void aTokenIsAcceptedUntilItExpires(Signing signing) throws IOException {
        try (TestOss t = sts(LocalOss.builder().securityToken(TOKEN, Instant.now().plusSeconds(3600)))) {
            signing.clients.apply(t).client(AK, SECRET, TOKEN).listBuckets();
        }
    }

    @ParameterizedTest
    @MethodSource("signings")
    void aWrongStsTokenIsInvalidSecurityToken(Signing signing) throws IOException {
        try (TestOss t = sts(LocalOss.builder().securityToken(TOKEN, Instant.now().plusSeconds(3600)))) {
            assertEquals("InvalidSecurityToken", code(t, signing, AK, SECRET, "another-token"));
        }
    }

    @ParameterizedTest
    @MethodSource("signings")
    void aMissingStsTokenIsInvalidAccessKeyId(Signing signing) throws IOException {
        try (TestOss t = sts(LocalOss.builder().securityToken(TOKEN))) {
            assertEquals("InvalidAccessKeyId", code(t, signing, AK, SECRET, null));
        }
    }

    @ParameterizedTest
    @MethodSource("signings")
    void aWrongSecretIsSignatureDoesNotMatch(Signing signing) throws IOException {
        try (TestOss t = sts(LocalOss.builder().securityToken(TOKEN))) {
            assertEquals("SignatureDoesNotMatch", code(t, signing, AK, "not-the-secret", TOKEN));
        }
    }

    @ParameterizedTest
    @MethodSource("signings")
    void aWrongAccessKeyIsInvalidAccessKeyId(Signing signing) throws IOException {
        try (TestOss t = sts(LocalOss.builder().securityToken(TOKEN))) {
            assertEquals("InvalidAccessKeyId", code(t, signing, "STS.somebody-else", SECRET, TOKEN));
        }
    }

    @ParameterizedTest
    @MethodSource("signings")
    void aClientClockBehindByMoreThan15MinutesIsRequestTimeTooSkewed(Signing signing) throws IOException {
        try (TestOss t = sts(LocalOss.builder().clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16))))) {
            assertEquals("RequestTimeTooSkewed", code(t, signing, AK, SECRET, null));
        }
    }

    @ParameterizedTest
    @MethodSource("signings")
    void aClientClockAheadByMoreThan15MinutesIsRequestTimeTooSkewed(Signing signing) throws IOException {
        try (TestOss t = sts(LocalOss.builder().clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16))))) {
            assertEquals("RequestTimeTooSkewed", code(t, signing, AK, SECRET, null));
        }
    }

    @ParameterizedTest
    @MethodSource("signings")
    void aClockSkewWithin15MinutesIsAccepted(Signing signing) throws IOException {
        try (TestOss t = sts(LocalOss.builder().clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(14))))) {
            signing.clients.apply(t).client(AK, SECRET, null).listBuckets();
        }
    }

    @Test
    void aPresignedUrlCarryingATokenThatHasSinceExpiredIsSecurityTokenExpired() throws IOException {
        ManualClock clock = ManualClock.followingSystemTime();
        try (TestOss t = sts(LocalOss.builder().clock(clock).securityToken(TOKEN, clock.instant().plusSeconds(60)))) {
            OSS client = t.v1(AK, SECRET, TOKEN);
            String bucket = t.bucket(client);
            client.putObject(bucket, "k", new ByteArrayInputStream(new byte[] {1}));
            URL url = client.generatePresignedUrl(bucket, "k", new Date(System.currentTimeMillis() + 600_000));

            clock.advance(Duration.ofMinutes(2));

            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            assertEquals(403, connection.getResponseCode());
            String body = new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(body.contains("<Code>SecurityTokenExpired</Code>"), body);
        }
    }
}
