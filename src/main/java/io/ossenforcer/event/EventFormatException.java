package io.ossenforcer.event;

import io.ossenforcer.json.Problems;
import java.util.List;

/** An invocation payload that is not an OSS trigger event this function can act on. */
public final class EventFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public EventFormatException(Problems problems) {
        super(problems.describe("invalid OSS event"));
        this.problems = problems.listed();
    }

    /** Each problem as {@code <JSON path>: <what is wrong>}, or a whole-document problem such as a syntax error. */
    public List<String> problems() {
        return problems;
    }
}
