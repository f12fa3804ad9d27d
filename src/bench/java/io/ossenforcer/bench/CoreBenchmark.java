package io.ossenforcer.bench;

import io.ossenforcer.enforce.Decision;
import io.ossenforcer.enforce.ObjectState;
import io.ossenforcer.event.EventParser;
import io.ossenforcer.event.EventRecord;
import io.ossenforcer.rules.Encryption;
import io.ossenforcer.rules.Rule;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The pure core, per record: parsing the sample event, matching the demo rules, deciding on a HEAD's state. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CoreBenchmark {
    private byte[] event;
    private RuleSet rules;
    private Rule rule;
    private ObjectState plaintext;

    @Setup
    public void setUp() throws Exception {
        event = Files.readAllBytes(Path.of("events/put-object.json"));
        rules = RulesParser.parse(Files.readString(Path.of("src/main/resources/demo/rules.json")), "demo");
        rule = rules.match("demo-finance", "reports/2024/q2.pdf").orElseThrow();
        plaintext = ObjectState.builder("demo-finance", "reports/2024/q2.pdf").encryption(Encryption.NONE)
                .eTag("5B3C1A9E7D2F4B8C6A0E1D3F5B7C9A2E").size(482_913).crc64(Optional.of("1234567890"))
                .contentHeaders(Map.of("Content-Type", "application/pdf")).userMetadata(Map.of("owner", "finance"))
                .build();
    }

    @Benchmark
    public List<EventRecord> parseEvent() throws Exception {
        return EventParser.parse(event);
    }

    @Benchmark
    public Optional<Rule> matchRule() {
        return rules.match("demo-finance", "reports/2024/q2.pdf");
    }

    @Benchmark
    public Decision decide() {
        return Decision.decide(rule.encryption(), plaintext);
    }
}
