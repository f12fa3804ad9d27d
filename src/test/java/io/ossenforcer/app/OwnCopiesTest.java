package io.ossenforcer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.event.EventParser;
import io.ossenforcer.event.EventRecord;
import io.ossenforcer.oss.ClientCache;
import io.ossenforcer.oss.OssClients;
import io.ossenforcer.testing.CapturedLog;
import io.ossenforcer.testing.Emulator;
import io.ossenforcer.testing.RecordingOss;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** OWN_PRINCIPAL_ID: the enforcer's own copies end before any OSS request, and nothing else does. */
class OwnCopiesTest {
    private static final String BUCKET = "enforced";

    @TempDir
    Path dir;
    private Emulator emulator;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final RecordingOss recording = new RecordingOss();
    private Application app;

    @BeforeEach
    void start() throws Exception {
        emulator = Emulator.start().bucket(BUCKET);
        emulator.oss.addEventListener(events::add);
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, "{\"buckets\":{\"" + BUCKET + "\":{\"rules\":[{\"id\":\"aes\","
                + "\"encryption\":{\"algorithm\":\"AES256\"}}]}}}");
        Map<String, String> env = Map.of(Settings.RULES_FILE, rules.toString(),
                Settings.OSS_ENDPOINT, emulator.oss.endpoint(), OwnCopies.OWN_PRINCIPAL_ID,
                " other-principal , " + emulator.oss.accountId());
        app = Application.builder(Settings.fromEnvironment(env)).env(env)
                .clients(new ClientCache((endpoint, region, key) -> recording.wrap(OssClients.build(endpoint, region,
                        key)))).build();
    }

    @AfterEach
    void stop() {
        app.close();
        emulator.close();
    }

    /** Runs a write and returns the record of the one event it caused. */
    private EventRecord eventOf(Runnable write) throws Exception {
        int index = events.size();
        write.run();
        assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
        assertEquals(index + 1, events.size(), "one event expected: " + events);
        return EventParser.parse(events.get(index).getBytes(StandardCharsets.UTF_8)).get(0);
    }

    private Outcome handle(EventRecord record) throws InvocationException {
        return app.enforce(List.of(record), Optional.of(emulator.key), "own-copies").outcomes().get(0);
    }

    @Test
    void theEventOfTheEnforcersOwnCopyEndsBeforeAnyRequest() throws Exception {
        EventRecord upload = eventOf(() -> emulator.put(BUCKET, "a.txt", "plaintext"));
        int index = events.size();
        assertEquals(Outcome.Kind.ENCRYPTED, handle(upload).kind());
        assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
        EventRecord ownCopy = EventParser.parse(events.get(index).getBytes(StandardCharsets.UTF_8)).get(0);
        assertEquals("ObjectCreated:CopyObject", ownCopy.eventName());
        int callsBefore = recording.calls().size();

        Outcome outcome = handle(ownCopy);

        assertEquals(Outcome.Kind.SKIPPED, outcome.kind());
        assertTrue(outcome.reason().contains("own rewrite"), outcome.reason());
        assertEquals(callsBefore, recording.calls().size(), "requests made: " + recording.calls());
    }

    @Test
    void anUploadOfTheSamePrincipalIsStillEnforced() throws Exception {
        EventRecord upload = eventOf(() -> emulator.put(BUCKET, "b.txt", "plaintext"));
        assertEquals(Optional.of(emulator.oss.accountId()), upload.principalId());

        assertEquals(Outcome.Kind.ENCRYPTED, handle(upload).kind());
    }

    @Test
    void aCopyByAnotherPrincipalIsStillEnforced() throws Exception {
        emulator.put(BUCKET, "c.txt", "plaintext");
        EventRecord copy = new EventRecord("ObjectCreated:CopyObject", BUCKET, "c.txt", Optional.empty(),
                OptionalLong.empty(), Optional.of(emulator.oss.region()), Optional.empty(),
                Optional.of("owner-principal"));

        assertEquals(Outcome.Kind.ENCRYPTED, handle(copy).kind());
    }

    @Test
    void aCopyWhoseEventNamesNoPrincipalIsStillEnforced() throws Exception {
        emulator.put(BUCKET, "d.txt", "plaintext");
        EventRecord copy = new EventRecord("ObjectCreated:CopyObject", BUCKET, "d.txt", Optional.empty(),
                OptionalLong.empty(), Optional.of(emulator.oss.region()), Optional.empty());

        assertEquals(Outcome.Kind.ENCRYPTED, handle(copy).kind());
    }

    @Test
    @ResourceLock(CapturedLog.LINES)
    void withoutTheVariableTheFirstCompliantCopyNamesItsPrincipalOnce() throws Exception {
        Path rules = dir.resolve("rules.json");
        Map<String, String> env = Map.of(Settings.RULES_FILE, rules.toString(), Settings.OSS_ENDPOINT,
                emulator.oss.endpoint());
        Application plain = Application.builder(Settings.fromEnvironment(env)).env(env).build();
        try (CapturedLog log = CapturedLog.attach()) {
            for (String key : List.of("e.txt", "f.txt")) {
                EventRecord upload = eventOf(() -> emulator.put(BUCKET, key, "plaintext"));
                int index = events.size();
                plain.enforce(List.of(upload), Optional.of(emulator.key), "upload");
                assertTrue(emulator.oss.awaitEventsDelivered(Duration.ofSeconds(10)));
                EventRecord ownCopy = EventParser.parse(events.get(index).getBytes(StandardCharsets.UTF_8)).get(0);
                assertEquals(Outcome.Kind.COMPLIANT, plain.enforce(List.of(ownCopy), Optional.of(emulator.key),
                        "own-copy").outcomes().get(0).kind());
            }

            List<String> notes = log.lines().stream().filter(l -> l.contains("\"compliant copy\"")).collect(
                    Collectors.toList());
            assertEquals(1, notes.size(), log.lines().toString());
            assertTrue(notes.get(0).contains("principal " + emulator.oss.accountId()), notes.get(0));
        } finally {
            plain.close();
        }
    }

    @Test
    void aPrincipalIdWithAControlCharacterFailsTheStartNamingTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OwnCopies.fromEnvironment(Map.of(OwnCopies.OWN_PRINCIPAL_ID, "abc\ndef")));

        assertTrue(e.getMessage().contains(OwnCopies.OWN_PRINCIPAL_ID), e.getMessage());
    }
}
