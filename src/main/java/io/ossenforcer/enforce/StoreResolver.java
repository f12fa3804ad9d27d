package io.ossenforcer.enforce;

import io.ossenforcer.event.EventRecord;

/**
 * Gives the store that serves a record's bucket (its region decides the endpoint). Called only for records the rules
 * cover, so an event for a foreign bucket never even builds a client.
 */
@FunctionalInterface
public interface StoreResolver {
    ObjectStore storeFor(EventRecord record) throws ObjectStoreException;
}
