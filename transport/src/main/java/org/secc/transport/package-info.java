/** what charger and EV share on the network: V2GTP over TCP and TLS, the TLS profile and context building, SDP records. */
package org.secc.transport;
