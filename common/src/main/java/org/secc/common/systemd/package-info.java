/**
 * systemd integration of the service: sd_notify(3) readiness and stopping, and the watchdog
 * keep-alive that is sent only while every supervised thread ({@link org.secc.common.systemd.Liveness})
 * ticks. The unit that uses it is {@code yocto/meta-secc/recipes-secc/secc/files/secc.service}.
 */
package org.secc.common.systemd;
