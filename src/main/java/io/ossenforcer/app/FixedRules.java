package io.ossenforcer.app;

import io.ossenforcer.oss.AccessKey;
import io.ossenforcer.rules.RuleSet;
import io.ossenforcer.rules.RulesException;
import io.ossenforcer.rules.RulesParser;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Rules from a file ({@code RULES_FILE}) or the jar's {@code rules.json}, read (and their warnings logged) once per
 * instance; or rules a command loaded itself, which logs nothing here.
 */
final class FixedRules implements RulesSource {
    private final Optional<Path> file;
    private RuleSet rules;

    FixedRules(Optional<Path> file) {
        this.file = file;
    }

    FixedRules(RuleSet loaded) {
        this.file = Optional.empty();
        this.rules = loaded;
    }

    @Override
    public synchronized RuleSet rules(Optional<AccessKey> key) throws InvocationException {
        if (rules == null) {
            try {
                rules = file.isPresent() ? RulesParser.load(file.get()) : RulesParser.loadDefault();
                OutcomeLog.rulesWarnings("init", rules);
            } catch (RulesException e) {
                OutcomeLog.error("init", "bad rules", e.getMessage());
                throw new InvocationException("bad rules: " + e.getMessage());
            }
        }
        return rules;
    }
}
