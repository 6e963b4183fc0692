package io.ena4j.driver.com;

/**
 * One I/O queue as {@link EnaAdmin#createIoQueue} creates it: the CQ first, then the SQ bound to it
 * (management.md §7.2, §13.2).
 *
 * @param cq the completion queue
 * @param sq the submission queue
 */
public record IoQueue(CqInfo cq, SqInfo sq) {
}
