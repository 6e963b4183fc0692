package io.ena4j.spec.regs;

import com.fasterxml.jackson.databind.JsonNode;
import io.ena4j.spec.TestBytes;
import io.ena4j.spec.VectorFiles;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/** Readless response and PHC response buffers (management.md §4.1, §10.2) against the trace vectors. */
class BuffersTest {

    @Test
    void readlessResponsesEncodeAsTheDeviceWritesThem() {
        int checked = 0;
        for (JsonNode line : VectorFiles.lines("init_trace.jsonl")) {
            for (JsonNode e : line.path("events")) {
                if (!e.path("op").asText().equals("readless_response")) {
                    continue;
                }
                MemorySegment s = TestBytes.zeroed(ReadlessResponse.SIZE);
                ReadlessResponse.regVal(s, 0, (int) e.path("reg_val").asLong());
                ReadlessResponse.regOff(s, 0, e.path("reg_off").asInt());
                ReadlessResponse.reqId(s, 0, e.path("req_id").asInt());
                byte[] b = TestBytes.prefix(s, 8);
                // Independent little-endian reading of the 8 bytes (§4.1).
                assertThat((b[0] & 0xFF) | (b[1] & 0xFF) << 8).isEqualTo(e.path("req_id").asInt());
                assertThat((b[2] & 0xFF) | (b[3] & 0xFF) << 8).isEqualTo(e.path("reg_off").asInt());
                long val = (b[4] & 0xFFL) | (b[5] & 0xFFL) << 8 | (b[6] & 0xFFL) << 16 | (b[7] & 0xFFL) << 24;
                assertThat(val).isEqualTo(e.path("reg_val").asLong());
                assertThat(Integer.toUnsignedLong(ReadlessResponse.regVal(s, 0))).isEqualTo(val);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(ReadlessResponse.staleReqId(1)).isEqualTo(0xDEAE);
        assertThat(ReadlessResponse.staleReqId(0xFFFF)).isEqualTo(0xDEAC);
    }

    @Test
    void phcSharedMemoryFromTheTrace() {
        int checked = 0;
        for (JsonNode line : VectorFiles.lines("init_trace.jsonl")) {
            if (!line.path("scenario").asText().equals("ena_com_phc_get_timestamp")) {
                continue;
            }
            JsonNode resp = line.path("events").valueStream()
                    .filter(e -> e.path("op").asText().equals("phc_response")).findFirst().orElseThrow();
            MemorySegment s = TestBytes.of(TestBytes.hex(line.path("out").path("shared_mem_after").asText()));
            assertThat(PhcResponse.reqId(s, 0)).isEqualTo(resp.path("req_id").asInt());
            assertThat(PhcResponse.timestamp(s, 0)).isEqualTo(resp.path("timestamp").asLong());
            assertThat(PhcResponse.errorBound(s, 0)).isEqualTo(resp.path("error_bound").asInt());
            assertThat(PhcResponse.errorFlags(s, 0)).isEqualTo(resp.path("error_flags").asInt());
            boolean error = (PhcResponse.errorFlags(s, 0)
                    & (PhcResponse.ERROR_FLAG_TIMESTAMP | PhcResponse.ERROR_FLAG_ERROR_BOUND)) != 0;
            assertThat(error).isEqualTo(line.path("rc").asInt() != 0);

            MemorySegment built = TestBytes.zeroed(PhcResponse.SIZE);
            PhcResponse.timestamp(built, 0, resp.path("timestamp").asLong());
            PhcResponse.errorBound(built, 0, resp.path("error_bound").asInt());
            PhcResponse.errorFlags(built, 0, resp.path("error_flags").asInt());
            PhcResponse.reqId(built, 0, resp.path("req_id").asInt());
            assertThat(TestBytes.prefix(built, 64)).isEqualTo(TestBytes.prefix(s, 64));
            checked++;
        }
        assertThat(checked).isEqualTo(2);
    }
}
