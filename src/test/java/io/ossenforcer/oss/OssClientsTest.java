package io.ossenforcer.oss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OssClients is the one place a host name is made, and it makes one only from a plain region id. */
class OssClientsTest {
    private static final Path MAIN = Path.of("src/main/java/io/ossenforcer");

    @ParameterizedTest
    @ValueSource(strings = {"cn-hangzhou", "cn-shanghai", "ap-southeast-1", "us-west-1", "cn-hangzhou-finance"})
    void theInternalEndpointOfARegionIsItsAliyuncsHost(String region) {
        assertEquals("https://oss-" + region + "-internal.aliyuncs.com", OssClients.internalEndpoint(region));
    }

    @Test
    void thePublicEndpointOfARegionIsItsAliyuncsHostAndRefusesAnythingButARegionId() {
        assertEquals("https://oss-cn-hangzhou.aliyuncs.com", OssClients.publicEndpoint("cn-hangzhou"));
        assertThrows(IllegalArgumentException.class, () -> OssClients.publicEndpoint("cn-hangzhou.evil.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cn-hangzhou.evil.com", "evil.com/", "cn-hangzhou@evil.com", "cn-hangzhou:443", "../", "..",
        "CN-HANGZHOU", "", " ", "cn-hangzhou\n", "cn-hangzhou\u0000", "cn-hangzhoü", "cn\u2010hangzhou",
        "cn-hangzhou%2eevil", "cn-hangzhou#", "cn-hangzhou?x=1"})
    void aRegionThatIsNotAPlainIdIsRefusedNamingIt(String region) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OssClients.internalEndpoint(region));

        assertTrue(e.getMessage().startsWith("invalid region \""), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "the region is quoted, escapes and all: " + e.getMessage());
    }

    @Test
    void aRegionLongerThanAnyRealOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> OssClients.validRegion("a".repeat(65)));
    }

    @Test
    void noOtherMainCodeBuildsAClientOrAHostName() throws IOException {
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith("oss/OssClients.java"))
                    .filter(f -> !f.startsWith(MAIN.resolve("localoss"))) // the emulator describes endpoints, calls none
                    .filter(OssClientsTest::buildsClientOrHost)
                    .collect(Collectors.toList());
        }

        assertEquals(List.of(), offenders);
    }

    private static boolean buildsClientOrHost(Path file) {
        try {
            String source = Files.readString(file);
            return source.contains("OSSClientBuilder") || source.contains("new OSSClient(")
                    || source.contains("aliyuncs.com");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
