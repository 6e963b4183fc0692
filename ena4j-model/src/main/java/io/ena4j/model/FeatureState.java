package io.ena4j.model;

import io.ena4j.spec.admin.FlowSteeringRule;

/**
 * The configuration the driver sets with SET_FEATURE (management.md §8), dropped to the profile defaults by a device
 * reset (§5.3 "Device-model implications": the device forgets all driver-provided state; the driver re-sends it
 * during restore, §13.5). Guarded by the device lock.
 */
final class FeatureState {

    /** One flow-steering rule (§8.19). */
    record FlowRule(int location, int flowType, int rxQueue, byte[] params) {
    }

    private final DeviceProfile profile;

    int aenqEnabledGroups;
    int mtu;
    boolean llqConfigured;
    int llqHeaderLocation;
    int llqEntrySizeCode;
    int llqDescsBeforeHeader;
    int llqStride;
    int llqAccelFlags;
    int rssFunction;
    int rssInitVal;
    byte[] rssKey;
    int rssTableLog2;
    int[] rssTable;
    /** True once the driver set the indirection table: until then received frames go to queue 0 (datapath §14.1). */
    boolean rssTableConfigured;
    int rssInputSort;
    int[] rssSelectedFields;
    long hostInfoAddress;
    long debugAreaAddress;
    int debugAreaSize;
    boolean phcEnabled;
    long phcOutputAddress;
    int phcOutputLength;
    int hwTimestampTx;
    int hwTimestampRx;
    boolean fragBypass;
    FlowRule[] flowRules;

    FeatureState(DeviceProfile profile) {
        this.profile = profile;
        reset();
    }

    /** Back to the power-on configuration. */
    void reset() {
        DeviceProfile.Rss rss = profile.rss();
        aenqEnabledGroups = 0;
        mtu = Math.min(DeviceProfile.DEFAULT_MTU, profile.attributes().maxMtu());
        llqConfigured = false;
        llqHeaderLocation = 0;
        llqEntrySizeCode = 0;
        llqDescsBeforeHeader = 0;
        llqStride = 0;
        llqAccelFlags = 0;
        rssFunction = rss.defaultFunction();
        rssInitVal = rss.defaultInitVal();
        rssKey = rss.defaultKey();
        rssTableLog2 = rss.tableDefaultLog2();
        rssTable = new int[1 << rssTableLog2];
        rssTableConfigured = false;
        rssInputSort = rss.defaultInputSort();
        rssSelectedFields = rss.defaultSelectedFields();
        hostInfoAddress = 0;
        debugAreaAddress = 0;
        debugAreaSize = 0;
        phcEnabled = false;
        phcOutputAddress = 0;
        phcOutputLength = 0;
        hwTimestampTx = 0;
        hwTimestampRx = 0;
        fragBypass = false;
        flowRules = new FlowRule[profile.attributes().flowSteeringMaxEntries()];
    }

    /** Size in bytes of a flow-steering rule's parameters. */
    static int ruleParamsSize() {
        return (int) FlowSteeringRule.SIZE;
    }
}
