package dev.eejobs.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM and of the calling thread, in nanoseconds, for the "CPU per job" figures. */
final class CpuTime {

    private CpuTime() {}

    static long process() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long thread() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
