package io.ossenforcer.localoss;

/** Receives the native OSS trigger events ({@code {"events":[...]}} JSON) the emulator emits, one call per event. */
public interface OssEventListener {
    void onEvent(String nativeEventJson);
}
