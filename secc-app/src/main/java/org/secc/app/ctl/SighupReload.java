package org.secc.app.ctl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code kill -HUP <pid>} does the same as {@code secc ctl reload}: it re-reads the policy file.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported) through reflection: a direct reference would
 * be an unsuppressable compiler warning, and a runtime image built without jdk.unsupported must still
 * start; there the service logs a warning and only {@code secc ctl reload} reloads.
 */
public final class SighupReload {
    private static final Logger LOG = Logger.getLogger(SighupReload.class.getName());

    private SighupReload() {
    }

    /** Runs {@code reload} on every SIGHUP; false (with a logged warning) when signals are unavailable. */
    public static boolean install(Runnable reload) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object hup = signal.getConstructor(String.class).newInstance("HUP");
            Object handler = Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            onHup(reload);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "SIGHUP reload handler";
                    });
            signal.getMethod("handle", signal, handlerType).invoke(null, hup, handler);
            LOG.fine("SIGHUP reloads the policy file");
            return true;
        } catch (InvocationTargetException e) {
            // e.g. the JVM runs with -Xrs or reserves SIGHUP itself
            LOG.warning("SIGHUP reload not installed (" + e.getCause() + "); use 'secc ctl reload'");
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.warning("SIGHUP reload not installed: sun.misc.Signal unavailable (" + e + "); use 'secc ctl reload'");
        }
        return false;
    }

    private static void onHup(Runnable reload) {
        LOG.info("SIGHUP: reloading the policy file");
        try {
            reload.run();
        } catch (RuntimeException e) {
            // the signal thread must survive a failed reload; the next SIGHUP tries again
            LOG.log(Level.WARNING, "SIGHUP reload failed: " + e.getMessage(), e);
        }
    }
}
