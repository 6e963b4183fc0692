package io.ena4j.driver.eth;

import io.ena4j.driver.com.EnaErrno;
import io.ena4j.spec.eth.SqDirection;
import io.ena4j.spec.eth.TxDesc;
import io.ena4j.spec.eth.TxMetaDesc;
import io.ena4j.spec.regs.ResetReason;

import java.lang.foreign.MemorySegment;

/**
 * Tx descriptor preparation and the LLQ doorbell decision: the reference {@code ena_com_prepare_tx} and
 * {@code ena_com_is_doorbell_needed} (datapath.md §2, §3, §3.3, §8.3, §9.2–§9.7, §10 step 6).
 *
 * <p>Per packet: space check, header checks, the pushed header into the LLQ bounce buffer, an optional meta
 * descriptor (§3.3), then one data descriptor per buffer ({@code [meta] data0 ... dataN}); in LLQ mode every
 * completed entry is copied to device memory as it fills and the last one when the packet ends. Descriptors are
 * built as whole 32-bit words and stored once each. The doorbell is separate ({@link IoSq#writeDoorbell()}).
 *
 * <h2>Errors</h2>
 * Every failure counts {@code prepare_ctx_err}; any failure other than lack of space ({@code -ENOMEM}) also records
 * reset reason DRIVER_INVALID_STATE, as the reference driver's transmit path does (§10 step 6). Return codes are
 * the reference's: {@code -ENOMEM} no space, {@code -EINVAL} header too large / no push header in LLQ mode,
 * {@code -EFAULT} header does not fit the entry, {@code -ENOSPC} LLQ burst budget exhausted mid-packet (§9.7).
 *
 * <h2>Deliberate differences from the reference</h2>
 * <ul>
 *   <li>Caller errors the C types would silently truncate are refused with {@code -EINVAL} (counted
 *       {@code invalid_request}) before anything is written: {@code numBufs} outside the context, req_id, a
 *       buffer length or {@code headerLen} that does not fit its 16-bit field, a header length above 255 (the
 *       8-bit {@code header_length} field, §9.5), a push header range outside its segment.</li>
 *   <li>A buffer address wider than the device's DMA width is refused ({@code -EINVAL}, {@code bad_dma_addr})
 *       unless the SQ is configured with {@link DmaAddressCheck#MASK} (§1.1).</li>
 *   <li>An LLQ SQ that an earlier failure left in the middle of a packet refuses further packets with
 *       {@code -EFAULT}: the reference would write past its bounce buffer. The queue must be re-created (the
 *       recorded reset does that).</li>
 *   <li>{@link TxContext#nbHwDesc} is the slot count as a u16 difference (e.g. 3 when {@code tail} wraps from
 *       65535 to 2); the reference stores the plain int difference (-65533), which is the same modulo 2^16.</li>
 * </ul>
 */
public final class TxPrepare {

    private TxPrepare() {
    }

    /**
     * Writes the descriptors of one packet (reference {@code ena_com_prepare_tx}).
     *
     * @return 0 with {@code ctx.nbHwDesc} = SQ slots used (descriptors, or LLQ entries); or a negative errno (see
     *         the class comment) with {@code ctx.nbHwDesc = -1}
     */
    public static int prepareTx(IoSq sq, TxContext ctx) {
        ctx.nbHwDesc = -1;
        int startTail = sq.tail();
        int rc = prepare(sq, ctx);
        if (rc != EnaErrno.OK) {
            return failed(sq, rc);
        }
        ctx.nbHwDesc = (sq.tail() - startTail) & 0xFFFF;
        return EnaErrno.OK;
    }

    /** Error accounting, kept out of line so the success path stays small enough to inline. */
    private static int failed(IoSq sq, int rc) {
        RingStats stats = sq.stats();
        stats.increment(RingCounter.PREPARE_CTX_ERR);
        if (rc != EnaErrno.ENOMEM) {
            stats.requestReset(ResetReason.DRIVER_INVALID_STATE);
        }
        return rc;
    }

    /**
     * Whether the doorbell must be rung <em>before</em> this packet so that it fits the LLQ burst budget
     * (reference {@code ena_com_is_doorbell_needed}, §9.7): counts the entries the packet needs, with one more
     * descriptor if a meta descriptor will be emitted, and compares with the entries left. Always false without
     * a burst limit. Pure query: changes nothing.
     */
    public static boolean isDoorbellNeeded(IoSq sq, TxContext ctx) {
        // Host placement has no burst limit (0), so one field test covers both early outs.
        if (sq.llqMaxEntriesInTxBurst() == 0) {
            return false;
        }
        int numDescs = Math.max(ctx.numBufs, 0);
        if (sq.disableMetaCaching() || (ctx.metaValid && sq.metaDiffers(ctx))) {
            numDescs++;
        }
        int entriesNeeded = 1;
        int before = sq.llqDescsBeforeHeader();
        if (numDescs > before) {
            int per = sq.llqDescsPerEntry();
            entriesNeeded += (numDescs - before + per - 1) / per;
        }
        return entriesNeeded > sq.entriesInTxBurstLeft();
    }

    private static int prepare(IoSq sq, TxContext ctx) {
        int numBufs = ctx.numBufs;
        int headerLen = ctx.headerLen;
        if (sq.direction() != SqDirection.TX || numBufs < 0 || numBufs > ctx.capacity()
                || headerLen < 0 || headerLen > 0xFFFF || ctx.reqId < 0 || ctx.reqId > TxDesc.REQ_ID_MAX) {
            return invalid(sq, EnaErrno.EINVAL);
        }
        if (!sq.atPacketStart()) {
            return invalid(sq, EnaErrno.EFAULT);
        }
        // Reference order of checks: space (+1 for a possible meta descriptor), header limit, push header.
        if (!sq.haveEnoughSpace(numBufs + 1)) {
            return EnaErrno.ENOMEM;
        }
        if (headerLen > sq.txMaxHeaderSize()) {
            return EnaErrno.EINVAL;
        }
        boolean llq = sq.isLlq();
        if (llq && ctx.pushHeader == null) {
            return EnaErrno.EINVAL;
        }
        int rc = checkRequest(sq, ctx, numBufs, headerLen, llq);
        if (rc != EnaErrno.OK) {
            return rc;
        }
        if (llq) {
            if (sq.llqHeaderOffset() + headerLen > sq.entrySize()) {
                return EnaErrno.EFAULT;
            }
            MemorySegment.copy(ctx.pushHeader, ctx.pushHeaderOffset, sq.descSegment(), sq.headerOffsetInBounce(),
                    headerLen);
        }

        boolean haveMeta;
        if (sq.disableMetaCaching()) {
            // Accelerated LLQ: a meta descriptor for every packet, cache untouched (§3.3 rule 1).
            haveMeta = true;
        } else if (ctx.metaValid && sq.metaDiffers(ctx)) {
            sq.cacheMeta(ctx);
            haveMeta = true;
        } else {
            haveMeta = false;
        }
        if (haveMeta) {
            rc = writeMeta(sq, ctx);
            if (rc != EnaErrno.OK) {
                return rc;
            }
        }

        if (numBufs == 0 && headerLen == 0) {
            // Nothing to send but a possible meta descriptor: just close the entry.
            return sq.closeLine();
        }

        rc = writeData(sq, ctx, numBufs, headerLen, haveMeta);
        if (rc != EnaErrno.OK) {
            return rc;
        }
        return sq.closeLine();
    }

    /** ena4j checks of values the reference would truncate (see the class comment). Writes nothing. */
    private static int checkRequest(IoSq sq, TxContext ctx, int numBufs, int headerLen, boolean llq) {
        if (headerLen > 0xFF) {
            return invalid(sq, EnaErrno.EINVAL);
        }
        if (llq) {
            long off = ctx.pushHeaderOffset;
            if (off < 0 || headerLen > ctx.pushHeader.byteSize() - off) {
                return invalid(sq, EnaErrno.EINVAL);
            }
        }
        boolean reject = sq.dmaAddressCheck() == DmaAddressCheck.REJECT;
        long[] addr = ctx.bufAddr;
        int[] len = ctx.bufLen;
        for (int i = 0; i < numBufs; i++) {
            if (len[i] < 0 || len[i] > TxDesc.LEN_CTRL_LENGTH_MASK) {
                return invalid(sq, EnaErrno.EINVAL);
            }
            if (reject && !sq.addressFits(addr[i])) {
                sq.stats().increment(RingCounter.BAD_DMA_ADDR);
                return EnaErrno.EINVAL;
            }
        }
        return EnaErrno.OK;
    }

    /** The meta descriptor (§3), then advance (reference {@code ena_com_create_meta}). */
    private static int writeMeta(IoSq sq, TxContext ctx) {
        long off = sq.nextDescOffset();
        if (off < 0) {
            return EnaErrno.EFAULT;
        }
        int mss = ctx.mss & 0xFFFF;
        int lenCtrl = TxMetaDesc.LEN_CTRL_DRIVER_BASE | TxMetaDesc.lenCtrlMssBits(mss)
                | (sq.phase() << TxMetaDesc.LEN_CTRL_PHASE_SHIFT);
        int word2 = TxMetaDesc.word2Of(ctx.l3HdrLen, ctx.l3HdrOffset, ctx.l4HdrLen, mss);
        IoSq.putDesc(sq.descSegment(), off, lenCtrl, 0, word2, 0);
        return sq.updateTail();
    }

    /**
     * The data descriptors (§2): data0 carries first (unless a meta descriptor did), comp_req, req_id, DF, the
     * offload bits (meta-valid only) and header_length; every descriptor carries its length, address and the
     * phase; the final one {@code last}. With no buffer but a header, one empty descriptor (length 0, address 0)
     * carries the header (§9.3). Each descriptor is claimed, stored whole and followed by a tail update, the
     * reference's order; the loop for further buffers is a separate method so this one stays inlinable.
     */
    private static int writeData(IoSq sq, TxContext ctx, int numBufs, int headerLen, boolean haveMeta) {
        int reqId = ctx.reqId;
        int lenCtrl0 = (haveMeta ? 0 : TxDesc.LEN_CTRL_FIRST_MASK) | TxDesc.LEN_CTRL_COMP_REQ_MASK
                | TxDesc.lenCtrlReqIdBits(reqId) | (numBufs <= 1 ? TxDesc.LEN_CTRL_LAST_MASK : 0);
        int metaCtrl0 = TxDesc.metaCtrlReqIdBits(reqId) | (ctx.df ? TxDesc.META_CTRL_DF_MASK : 0);
        if (ctx.metaValid) {
            metaCtrl0 |= offloadBits(ctx);
        }
        int hdrBits = (headerLen << TxDesc.HEADER_LENGTH_SHIFT) & TxDesc.HEADER_LENGTH_MASK;
        long addr = numBufs == 0 ? 0 : ctx.bufAddr[0];
        int len = numBufs == 0 ? 0 : ctx.bufLen[0];
        int rc = writeDesc(sq, lenCtrl0 | (len & TxDesc.LEN_CTRL_LENGTH_MASK), metaCtrl0, addr, hdrBits);
        if (rc != EnaErrno.OK || numBufs <= 1) {
            return rc;
        }
        return writeMoreData(sq, ctx, numBufs);
    }

    /** Data descriptors 1..numBufs-1: length, address, phase, and {@code last} on the final one. */
    private static int writeMoreData(IoSq sq, TxContext ctx, int numBufs) {
        long[] addrs = ctx.bufAddr;
        int[] lens = ctx.bufLen;
        for (int i = 1; i < numBufs; i++) {
            int lenCtrl = (lens[i] & TxDesc.LEN_CTRL_LENGTH_MASK) | (i == numBufs - 1 ? TxDesc.LEN_CTRL_LAST_MASK : 0);
            int rc = writeDesc(sq, lenCtrl, 0, addrs[i], 0);
            if (rc != EnaErrno.OK) {
                return rc;
            }
        }
        return EnaErrno.OK;
    }

    /** The meta_ctrl offload bits of a meta-valid context (§2 word 1). */
    private static int offloadBits(TxContext ctx) {
        return (ctx.l3Proto & TxDesc.META_CTRL_L3_PROTO_IDX_MASK)
                | ((ctx.l4Proto << TxDesc.META_CTRL_L4_PROTO_IDX_SHIFT) & TxDesc.META_CTRL_L4_PROTO_IDX_MASK)
                | (ctx.tsoEnable ? TxDesc.META_CTRL_TSO_EN_MASK : 0)
                | (ctx.l3CsumEnable ? TxDesc.META_CTRL_L3_CSUM_EN_MASK : 0)
                | (ctx.l4CsumEnable ? TxDesc.META_CTRL_L4_CSUM_EN_MASK : 0)
                | (ctx.l4CsumPartial ? TxDesc.META_CTRL_L4_CSUM_PARTIAL_MASK : 0);
    }

    /**
     * Claims the next descriptor slot, stores one data descriptor with the current phase and the address split
     * into lo / hi (hi or-ed with {@code hdrBits}), then advances the tail (reference get_sq_desc, the field
     * writes, ena_com_sq_update_tail).
     */
    private static int writeDesc(IoSq sq, int lenCtrl, int metaCtrl, long addr, int hdrBits) {
        long off = sq.nextDescOffset();
        if (off < 0) {
            return EnaErrno.EFAULT;
        }
        IoSq.putDesc(sq.descSegment(), off, lenCtrl | (sq.phase() << TxDesc.LEN_CTRL_PHASE_SHIFT), metaCtrl,
                (int) addr, sq.addressHi(addr) | hdrBits);
        return sq.updateTail();
    }

    private static int invalid(IoSq sq, int rc) {
        sq.stats().increment(RingCounter.INVALID_REQUEST);
        return rc;
    }
}
