package io.ossenforcer.json;

import com.google.gson.JsonElement;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds a Gson tree from the values a reader reads in document order, and holds the rules that do not depend on
 * syntax: the nesting limit and no duplicate field names, each reported under its JSON path.
 */
final class JsonTreeBuilder {
    // The open objects and arrays, innermost first; the size is the current depth.
    private final Deque<Container> open = new ArrayDeque<>();
    private final int maxDepth;
    private JsonElement root;

    JsonTreeBuilder(JsonLimits limits) {
        this.maxDepth = limits.maxDepth();
    }

    /** Whether the document's value is complete, or not yet begun: no object or array is open. */
    boolean isClosed() {
        return open.isEmpty();
    }

    /** The innermost open container is an object (else an array); only while one is open. */
    boolean inObject() {
        return open.element().isObject();
    }

    /** The innermost open container has nothing in it yet; only while one is open. */
    boolean innermostIsEmpty() {
        return open.element().isEmpty();
    }

    JsonElement root() {
        return root;
    }

    /** Adds an object or array about to be read to its parent and makes it the innermost open one. */
    void open(JsonElement opened) throws JsonReadException {
        Container container = new Container(open.peek(), opened);
        if (open.size() == maxDepth) {
            throw new JsonReadException(
                    container.path() + ": nested deeper than " + maxDepth + " levels of objects and arrays");
        }
        value(opened);
        open.push(container);
    }

    void close() {
        open.pop();
    }

    /** The name of the field whose value comes next in the innermost open object. */
    void name(String fieldName) throws JsonReadException {
        open.element().name(fieldName);
    }

    void value(JsonElement value) {
        if (open.isEmpty()) {
            root = value;
        } else {
            open.element().add(value);
        }
    }

    /**
     * An open object (with the name of the field being read) or array (with the index of its next element). Paths
     * are built here rather than taken from a reader, which may hold names raw: a hostile name with a line break
     * would forge a line of the problem report. A path is only built for a problem: valid input, the usual case,
     * never needs one.
     */
    private static final class Container {
        private final Container parent; // null for the top-level value
        private final String nameInParent; // when the parent is an object
        private final int indexInParent; // when the parent is an array
        private final JsonElement element;
        private String name = "";

        Container(Container parent, JsonElement element) {
            this.parent = parent;
            this.nameInParent = parent == null ? "" : parent.name;
            this.indexInParent = parent == null || parent.isObject() ? -1 : parent.element.getAsJsonArray().size();
            this.element = element;
        }

        boolean isObject() {
            return element.isJsonObject();
        }

        boolean isEmpty() {
            return isObject() ? element.getAsJsonObject().size() == 0 : element.getAsJsonArray().isEmpty();
        }

        String path() {
            if (parent == null) {
                return "$";
            }
            return parent.isObject() ? Fields.child(parent.path(), nameInParent)
                    : Fields.element(parent.path(), indexInParent);
        }

        void name(String fieldName) throws JsonReadException {
            if (element.getAsJsonObject().has(fieldName)) {
                throw new JsonReadException(Fields.child(path(), fieldName) + ": duplicate field "
                        + Problems.quote(fieldName));
            }
            name = fieldName;
        }

        void add(JsonElement value) {
            if (isObject()) {
                element.getAsJsonObject().add(name, value);
            } else {
                element.getAsJsonArray().add(value);
            }
        }
    }
}
