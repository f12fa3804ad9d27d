package io.ossenforcer.sweep;

import io.ossenforcer.enforce.Enforcer;
import io.ossenforcer.enforce.ListedObject;
import io.ossenforcer.enforce.Outcome;
import io.ossenforcer.event.EventRecord;
import java.util.Optional;
import java.util.OptionalLong;

/** What a sweep does to one listed object: in production, exactly what the trigger path does to an upload. */
@FunctionalInterface
public interface ObjectWork {
    /** The event name sweep outcomes carry, so reports and logs tell them from trigger outcomes. */
    String EVENT_NAME = "Sweep";

    Outcome enforce(String bucket, ListedObject object);

    /** The enforcer's decision, copy and verification, for an object named by a listing. */
    static ObjectWork of(Enforcer enforcer) {
        return (bucket, object) -> enforcer.enforceListed(new EventRecord(EVENT_NAME, bucket, object.key(),
                Optional.empty(), OptionalLong.of(object.size()), Optional.empty(), Optional.empty()));
    }
}
