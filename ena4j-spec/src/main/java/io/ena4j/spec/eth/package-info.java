/**
 * ENA data-path ("eth I/O") interface definitions: descriptor and completion layouts, protocol indices, queue
 * policies and LLQ entry layout (datapath.md §2–§7, §9).
 *
 * <p>Every structure is a final class of static accessors over a {@link java.lang.foreign.MemorySegment} and a
 * base offset, plus {@code *_OFFSET}, {@code *_MASK} and {@code *_SHIFT} constants so that ring code can build a
 * whole 32-bit word in a register and store it once. All multi-byte fields are little-endian (via
 * {@link io.ena4j.spec.Le}). Completion entries additionally offer an acquire read / release write of the word
 * that carries the phase bit (§8.2). Nothing here validates device- or driver-written values; callers check
 * req_id, lengths and MBZ bits where the spec says so (§11.3, §12.2).
 */
package io.ena4j.spec.eth;
