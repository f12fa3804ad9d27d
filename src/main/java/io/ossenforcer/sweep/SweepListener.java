package io.ossenforcer.sweep;

import io.ossenforcer.enforce.ListedObject;
import io.ossenforcer.enforce.Outcome;

/** Where a sweep's results go: each outcome as it happens, and the states worth saving. */
public interface SweepListener {

    /**
     * Every object's outcome, on the worker thread that finished it, before the object counts as finished: an
     * exception here stops the sweep short of that object.
     */
    void outcome(ListedObject object, Outcome outcome);

    /** A state to save, now and then and at the end; called on the sweeping thread. */
    void checkpoint(SliceState state) throws CheckpointException;
}
