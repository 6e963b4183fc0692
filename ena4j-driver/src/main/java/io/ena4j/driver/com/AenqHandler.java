package io.ena4j.driver.com;

import java.lang.foreign.MemorySegment;

/**
 * Handles one AENQ event (management.md §9.3), dispatched by group from {@link Aenq#process()}.
 *
 * <p>The entry is passed as a flyweight: the 64 bytes at {@code base} of {@code ring}, readable with the
 * {@code io.ena4j.spec.aenq} accessors ({@code AenqEntry.group(ring, base)}, ...). The ring is device-written
 * memory: the view is valid only during the call (the slot is handed back to the device right after), and every
 * field must be treated as untrusted. Handlers run on the management-interrupt thread with the AENQ lock held:
 * they must be short, must not block and must not call back into the {@link Aenq}. An exception thrown by a
 * handler is caught and counted ({@code handler_errors}); it never stops the queue.
 */
@FunctionalInterface
public interface AenqHandler {

    /**
     * Handles the AENQ entry at byte {@code base} of {@code ring}.
     *
     * @param ring the AENQ ring (host memory the device writes)
     * @param base offset of the 64-byte entry within {@code ring}
     */
    void onEvent(MemorySegment ring, long base);
}
