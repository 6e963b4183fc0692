/**
 * The device model's frame library: everything the Tx and Rx engines need to look inside a frame.
 *
 * <ul>
 *   <li>{@link io.ena4j.model.net.FrameParser} fills a reusable {@link io.ena4j.model.net.FrameInfo}: protocol
 *       indices, offsets, fragment flag and checksum verdicts for the Rx completion (datapath.md §6.1, §6.3, §7.1),
 *       header offsets for Tx offload (§2, §3) and the RSS protocol slot (§14.3).</li>
 *   <li>{@link io.ena4j.model.net.RssHasher} computes the RSS hash (§14.2, §14.3): Toeplitz with the byte-reversed
 *       stored key and XORed init value, or CRC32 ([UNCERTAIN], see the class).</li>
 *   <li>{@link io.ena4j.model.net.Checksums} holds RFC 1071 arithmetic and the device's Tx checksum offload
 *       ({@code l3_csum_en}, {@code l4_csum_en}, {@code l4_csum_partial}).</li>
 *   <li>{@link io.ena4j.model.net.FrameBuilder} builds well-formed frames for tests, pktgen and benchmarks.</li>
 * </ul>
 *
 * <p>Frame memory is untrusted (driver-written): parse, hash and fill never throw and never touch bytes outside the
 * frame range they are given, and allocate nothing per packet. Protocol headers are big-endian on the wire, so this
 * is the one package that reads memory in network byte order; ENA structures stay little-endian elsewhere.
 */
package io.ena4j.model.net;
