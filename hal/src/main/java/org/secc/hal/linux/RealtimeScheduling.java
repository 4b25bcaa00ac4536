package org.secc.hal.linux;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.util.logging.Logger;

/**
 * Real-time scheduling for the safety threads (emergency stop, grid supervisor, control pilot). Java's thread
 * priorities do nothing on Linux by default, and under the normal scheduler a thread that sleeps
 * on an edge waits behind every runnable thread of its process group when it wakes (tens of ms with
 * two busy cores). {@code SCHED_FIFO} lets the woken safety thread run at once. It needs root or
 * {@code CAP_SYS_NICE} (systemd: {@code AmbientCapabilities=CAP_SYS_NICE} or {@code LimitRTPRIO=});
 * refused, the thread keeps the normal scheduler and says so once at INFO.
 */
public final class RealtimeScheduling {
    private static final Logger LOG = Logger.getLogger(RealtimeScheduling.class.getName());
    private static final int SCHED_FIFO = 1;
    /** Below the kernel's threaded interrupt handlers (50), above every normal thread. */
    public static final int SAFETY_PRIORITY = 20;

    interface LibC extends Library {
        int sched_setscheduler(int pid, int policy, Memory param);

        int sched_getscheduler(int pid);
    }

    private static volatile LibC libc;

    private RealtimeScheduling() {
    }

    private static LibC libc() {
        LibC l = libc;
        if (l == null) {
            l = Native.load("c", LibC.class);
            libc = l;
        }
        return l;
    }

    /**
     * Puts the calling thread under {@code SCHED_FIFO} at {@code priority} (1..99). True when it runs
     * so now; false, with one INFO line naming {@code what} and the reason, when not Linux or refused.
     */
    public static boolean fifoForCurrentThread(int priority, String what) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            LOG.info(() -> what + ": normal scheduling (real-time scheduling is set only on Linux)");
            return false;
        }
        try {
            Memory param = new Memory(4); // struct sched_param { int sched_priority; }
            param.setInt(0, priority);
            if (libc().sched_setscheduler(0, SCHED_FIFO, param) != 0) { // pid 0: the calling thread
                int errno = Native.getLastError();
                LOG.info(() -> what + ": normal scheduling (SCHED_FIFO refused, errno " + errno
                        + (errno == 1 ? ": needs root or CAP_SYS_NICE" : "") + ")");
                return false;
            }
            boolean fifo = libc().sched_getscheduler(0) == SCHED_FIFO;
            LOG.info(() -> what + (fifo ? ": SCHED_FIFO priority " + priority : ": SCHED_FIFO did not take"));
            return fifo;
        } catch (LinkageError | RuntimeException e) {
            LOG.info(() -> what + ": normal scheduling (" + e + ")");
            return false;
        }
    }

    /** The calling thread's policy: 0 normal (SCHED_OTHER), 1 SCHED_FIFO, …; -1 when unknown. */
    public static int currentPolicy() {
        try {
            return libc().sched_getscheduler(0);
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }
}
