package io.ena4j.driver.com;

import java.util.Objects;

/**
 * The outcome of one command-layer call: the reference layer's errno-style return code and, on success, the
 * parsed result. Used instead of the reference's out-parameters so a call's {@code rc} and output can be
 * compared with the reference vectors directly (vectors/README.md, admin.jsonl).
 *
 * @param rc    0, or a negative errno from {@link EnaErrno}
 * @param value the parsed result; non-null exactly when {@code rc == 0}
 * @param <T>   type of the parsed result
 */
public record AdminResult<T>(int rc, T value) {

    /** Checks that success and value presence agree, so callers can rely on {@link #ok()} alone. */
    public AdminResult {
        if (rc > 0) {
            throw new IllegalArgumentException("rc must be 0 or a negative errno, got " + rc);
        }
        if ((rc == 0) != (value != null)) {
            throw new IllegalArgumentException("value must be present exactly when rc == 0 (rc " + rc + ")");
        }
    }

    /** A successful result carrying {@code value}. */
    public static <T> AdminResult<T> success(T value) {
        return new AdminResult<>(0, Objects.requireNonNull(value, "value"));
    }

    /** A failed result with the negative errno {@code rc}. */
    public static <T> AdminResult<T> failure(int rc) {
        if (rc >= 0) {
            throw new IllegalArgumentException("a failure needs a negative errno, got " + rc);
        }
        return new AdminResult<>(rc, null);
    }

    /** True when {@code rc == 0}. */
    public boolean ok() {
        return rc == 0;
    }

    /** The value, or an {@link IllegalStateException} naming the errno when the call failed. */
    public T orThrow() {
        if (rc != 0) {
            throw new IllegalStateException("admin call failed: " + EnaErrno.name(rc) + " (" + rc + ")");
        }
        return value;
    }
}
