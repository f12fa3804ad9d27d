package io.ossenforcer.json;

/** A document that could not be read as JSON at all: one problem, worded for people, without a stack trace's worth of detail. */
public final class JsonReadException extends Exception {
    private static final long serialVersionUID = 1L;

    JsonReadException(String problem) {
        super(problem);
    }

    /** What is wrong, e.g. {@code invalid JSON at line 3 column 7: expected ':'}. */
    public String problem() {
        return getMessage();
    }
}
