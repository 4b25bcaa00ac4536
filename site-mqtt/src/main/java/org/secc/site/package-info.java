/** the site interface over MQTT v5: telemetry, price, dispatch and heartbeat from the local energy manager. */
package org.secc.site;
