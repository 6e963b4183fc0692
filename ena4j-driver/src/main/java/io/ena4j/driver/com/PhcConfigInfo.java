package io.ena4j.driver.com;

/**
 * The PHC configuration in force after {@link EnaAdmin#configurePhc} (management.md §8.18, §10.1): the
 * device's doorbell and timeouts with the driver defaults of {@link io.ena4j.spec.admin.PhcConfig} applied and
 * {@code expire ≤ block} enforced. The record takes the suffix {@code Info} so it does not reuse the spec
 * structure's name.
 *
 * @param doorbellOffset    BAR 0 offset of the PHC doorbell (validated: aligned, inside BAR 0)
 * @param expireTimeoutUsec longest wait for one PHC read
 * @param blockTimeoutUsec  period during which requests are refused after an expired or failed one
 */
public record PhcConfigInfo(int doorbellOffset, long expireTimeoutUsec, long blockTimeoutUsec) {
}
