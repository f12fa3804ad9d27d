package io.ossenforcer.rules;

import io.ossenforcer.json.Problems;
import java.util.List;

/** Rules that cannot be used: unreadable, not JSON, or with problems. The enforcer must not run on them. */
public final class RulesException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    public RulesException(String source, Problems problems) {
        super(problems.describe(source));
        this.source = source;
        this.problems = problems.listed();
    }

    /** Each problem as {@code <JSON path>: <what is wrong>}, or a problem with the whole file. */
    public List<String> problems() {
        return problems;
    }

    /** Where the rules were loaded from. */
    public String source() {
        return source;
    }
}
